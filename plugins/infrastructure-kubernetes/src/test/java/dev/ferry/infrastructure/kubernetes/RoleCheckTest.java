package dev.ferry.infrastructure.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link RoleCheck} reads requests as Kubernetes' authorizer does, so that the runner's tests can trust it. */
class RoleCheckTest {
  @Test
  void theRunnersRequestsAreAllowed() {
    assertThat(RoleCheck.allowed("POST /apis/batch/v1/namespaces/flows/jobs")).isTrue();
    assertThat(RoleCheck.allowed("GET /apis/batch/v1/namespaces/flows/jobs?fieldSelector=metadata.name%3Detl"
        + "&watch=true&resourceVersion=12")).isTrue();
    assertThat(RoleCheck.allowed("DELETE /apis/batch/v1/namespaces/flows/jobs/etl-x7k2p")).isTrue();
    assertThat(RoleCheck.allowed("GET /api/v1/namespaces/flows/pods?labelSelector=job-name%3Detl")).isTrue();
    assertThat(RoleCheck.allowed("GET /api/v1/namespaces/flows/pods/etl-x7k2p-abcde/log?follow=true")).isTrue();
    assertThat(RoleCheck.allowed("GET /api/v1/namespaces/kube-system")).isTrue();
  }

  @Test
  void whatTheRolesDoNotGrantIsRefused() {
    assertThat(RoleCheck.allowed("PATCH /apis/batch/v1/namespaces/flows/jobs/etl-x7k2p")).isFalse();
    assertThat(RoleCheck.allowed("DELETE /api/v1/namespaces/flows/pods/etl-x7k2p-abcde")).isFalse();
    assertThat(RoleCheck.allowed("GET /api/v1/namespaces/flows/secrets/token")).isFalse();
    assertThat(RoleCheck.allowed("GET /api/v1/namespaces/flows")).as("a namespace other than kube-system").isFalse();
    assertThat(RoleCheck.allowed("POST /api/v1/namespaces/flows/pods/etl-x7k2p-abcde/exec")).isFalse();
  }
}
