package dev.ferry.infrastructure.kubernetes;

import dev.ferry.infrastructure.KubernetesAccess;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the agent's RBAC rules ({@link KubernetesAccess}, which {@code ferry kubernetes manifest agent}
 * prints) allow a request the runner made: its path and method read as Kubernetes' authorizer reads them
 * (API group, resource and subresource, object name, verb).
 */
final class RoleCheck {
  private static final Pattern RESOURCE = Pattern.compile(
      "/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/(?<namespace>[^/?]+))?"
          + "(?:/(?<resource>[^/?]+)(?:/(?<name>[^/?]+)(?:/(?<sub>[^/?]+))?)?)?(?:\\?(?<query>.*))?");
  /** Asked of every authenticated user by any client, needing no Role: the version, and access reviews. */
  private static final List<String> OPEN =
      List.of("/version", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");

  private RoleCheck() {}

  /** Whether {@code request}, {@code METHOD PATH}, is one of the agent's rules allows (or needs none). */
  static boolean allowed(String request) {
    String method = request.substring(0, request.indexOf(' '));
    String path = request.substring(request.indexOf(' ') + 1);
    if (OPEN.stream().anyMatch(path::startsWith)) {
      return true;
    }
    Matcher m = RESOURCE.matcher(path);
    if (!m.matches()) {
      return false;
    }
    String group = m.group("group") == null ? "" : m.group("group");
    String resource = m.group("resource");
    String name = m.group("name");
    if (resource == null) { // /api/v1/namespaces/NAME reads as the namespace NAME
      resource = "namespaces";
      name = m.group("namespace");
    } else if (m.group("sub") != null) {
      resource = resource + "/" + m.group("sub");
    }
    String query = m.group("query") == null ? "" : m.group("query");
    String verb = switch (method) {
      case "POST" -> "create";
      case "DELETE" -> "delete";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      default -> query.contains("watch=true") ? "watch" : name == null ? "list" : "get";
    };
    String asked = resource;
    String named = name;
    return KubernetesAccess.NAMESPACED.stream().anyMatch(rule -> rule.allows(group, asked, verb, named))
        || KubernetesAccess.CLUSTER_ID.allows(group, asked, verb, named);
  }
}
