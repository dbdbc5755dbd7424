package dev.ferry.storage.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong talking to Azure, in ferry's words, with what to do about it. Built from the
 * status and error code only: the SDK's own messages may quote a connection string or a SAS.
 */
record AzureFailure(String finding, String fix, boolean retryable) {
  private static final Set<BlobErrorCode> REFUSED = Set.of(BlobErrorCode.AUTHENTICATION_FAILED,
      BlobErrorCode.INVALID_AUTHENTICATION_INFO, BlobErrorCode.NO_AUTHENTICATION_INFORMATION);
  private static final Set<BlobErrorCode> NOT_ALLOWED = Set.of(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH,
      BlobErrorCode.AUTHORIZATION_RESOURCE_TYPE_MISMATCH, BlobErrorCode.AUTHORIZATION_SERVICE_MISMATCH,
      BlobErrorCode.INSUFFICIENT_ACCOUNT_PERMISSIONS);

  static AzureFailure of(RuntimeException e, AzureLocation location, String endpoint) {
    if (e instanceof BlobStorageException answer) {
      return answered(answer, location);
    }
    if (e instanceof ClientAuthenticationException) {
      return location.credentials().signIn() == AzureCredentials.SignIn.DEFAULT_CREDENTIAL
          ? new AzureFailure("this machine has no Azure identity that signs in (DefaultAzureCredential)",
              "give the agent one (AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, a managed identity,"
                  + " or 'az login'), or fill " + location.fields().credential("account_key"), false)
          : new AzureFailure("Microsoft Entra ID refused the service principal", "mend "
              + location.fields().credentials(AzureCredentials.PRINCIPAL) + " (a client secret expires)", false);
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
        return new AzureFailure("cannot connect to " + endpoint + " (" + cause.getClass().getSimpleName() + ")",
            "check the account name or endpoint in " + settings(location)
                + " and that this machine reaches it (network, proxy, firewall)", true);
      }
      if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
        return new AzureFailure("no answer from " + endpoint + " in time",
            "check that this machine reaches it (network, proxy, firewall), then try again", true);
      }
      if (cause instanceof IOException io) {
        return new AzureFailure(io.toString(), "try again; if it persists, check this machine's network and disk",
            true);
      }
    }
    return new AzureFailure("the request failed (" + e.getClass().getSimpleName() + ")",
        "run with --verbose to see where", false);
  }

  private static AzureFailure answered(BlobStorageException e, AzureLocation location) {
    BlobErrorCode code = e.getErrorCode();
    String answer = "Azure answered HTTP " + e.getStatusCode() + (code == null ? "" : " " + code);
    if (code != null && REFUSED.contains(code)) {
      return new AzureFailure("Azure refused the credentials (" + answer + ")", "mend " + settings(location), false);
    }
    if (code != null && NOT_ALLOWED.contains(code)) {
      return new AzureFailure("signed in, but not allowed to use the container (" + answer + ")",
          "give this identity a role with blob data access on container '" + location.container()
              + "' (e.g. Storage Blob Data Contributor), or sign in with other " + settings(location), false);
    }
    if (e.getStatusCode() == 403) {
      return new AzureFailure("Azure refused the request (" + answer + ")", "check " + settings(location)
          + " (Azure answers so to a wrong key too), that this identity may use container '" + location.container()
          + "', and that the account's firewall admits this machine", false);
    }
    if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
      return new AzureFailure("container '" + location.container() + "' does not exist",
          "create it (az storage container create --name " + location.container() + "), or mend field "
              + location.fields().location(), false);
    }
    boolean passing = e.getStatusCode() >= 500 || e.getStatusCode() == 408 || e.getStatusCode() == 429;
    return new AzureFailure(answer, passing ? "try again later" : "see what Azure's documentation says of "
        + (code == null ? "that status" : code), passing);
  }

  private static String settings(AzureLocation location) {
    return location.fields().credentials(location.credentials().signIn().settings());
  }
}
