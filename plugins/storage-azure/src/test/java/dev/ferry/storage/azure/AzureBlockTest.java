package dev.ferry.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.json.Json;
import dev.ferry.storage.StorageBlock;
import dev.ferry.storage.StorageException;
import org.junit.jupiter.api.Test;

/** Building azure blocks and remote-file-system locations from their fields; nothing here reaches a server. */
class AzureBlockTest {
  private static final String CONNECTION_STRING = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
      + "AccountKey=c2VjcmV0LWtleQ==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

  private static ObjectNode block(String bucketPath) {
    return Json.object().put("bucket_path", bucketPath).put("azure_storage_connection_string", CONNECTION_STRING);
  }

  private static AzureCredentials credentials(String connectionString, String accountName, String accountKey,
      String tenantId, String clientId, String clientSecret) {
    return new AzureCredentials(connectionString, accountName, accountKey, tenantId, clientId, clientSecret, null);
  }

  @Test
  void urlsNameTheContainerAndTheFolderOfBucketPath() {
    StorageBlock storage = AzureBlock.fromBlock(block("code/some/folder/"));

    assertThat(storage.url("")).isEqualTo("az://code/some/folder");
    assertThat(storage.url("flows/etl")).isEqualTo("az://code/some/folder/flows/etl");
    assertThat(AzureBlock.fromBlock(block("code")).url("flows")).isEqualTo("az://code/flows");
  }

  @Test
  void missingBucketPathNamesTheFieldAndTheBlockType() {
    assertThatThrownBy(() -> AzureBlock.fromBlock(block(null))).isInstanceOf(StorageException.class)
        .hasMessageContaining("'azure'").hasMessageContaining("'bucket_path'");
  }

  @Test
  void containerNameAzureRefusesIsNamedWithItsField() {
    assertThatThrownBy(() -> AzureBlock.fromBlock(block("My_Code/flows"))).isInstanceOf(StorageException.class)
        .hasMessageContaining("'bucket_path'").hasMessageContaining("'My_Code'");
  }

  @Test
  void blockWithoutAConnectionStringOrAnAccountNameNamesBoth() {
    assertThatThrownBy(() -> AzureBlock.fromBlock(Json.object().put("bucket_path", "code")
        .put("azure_storage_account_key", "c2VjcmV0"))).isInstanceOf(StorageException.class)
        .hasMessageContaining("'azure'").hasMessageContaining("'azure_storage_connection_string'")
        .hasMessageContaining("'azure_storage_account_name'").hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void servicePrincipalWithoutAllItsFieldsNamesTheMissingOnes() {
    assertThatThrownBy(() -> AzureBlock.fromBlock(Json.object().put("bucket_path", "code")
        .put("azure_storage_account_name", "acct").put("azure_storage_tenant_id", "tenant")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("'azure_storage_client_id', 'azure_storage_client_secret'")
        .hasMessageNotContaining("'azure_storage_tenant_id'");
  }

  @Test
  void connectionStringTheSdkCannotReadIsNamedButNotQuoted() {
    assertThatThrownBy(() -> AzureBlock.fromBlock(Json.object().put("bucket_path", "code")
        .put("azure_storage_connection_string", "not a connection string but a s3cret")))
        .isInstanceOf(StorageException.class).hasMessageContaining("'azure_storage_connection_string'")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aConnectionStringComesFirstThenAKeyThenAServicePrincipalThenThisMachinesIdentity() {
    assertThat(credentials(CONNECTION_STRING, "acct", "key", null, null, null).signIn())
        .isEqualTo(AzureCredentials.SignIn.CONNECTION_STRING);
    assertThat(credentials(" ", "acct", "key", "tenant", "client", "secret").signIn())
        .isEqualTo(AzureCredentials.SignIn.ACCOUNT_KEY);
    assertThat(credentials(null, "acct", "", "tenant", "client", "secret").signIn())
        .isEqualTo(AzureCredentials.SignIn.SERVICE_PRINCIPAL);
    assertThat(credentials(null, "acct", null, null, null, null).signIn())
        .isEqualTo(AzureCredentials.SignIn.DEFAULT_CREDENTIAL);
    assertThat(credentials(null, null, "key", null, null, null).signIn()).isNull();
  }

  @Test
  void credentialsPrintWithoutTheirSecrets() {
    assertThat(credentials(CONNECTION_STRING, "acct", "the-key", "tenant", "client", "the-secret").toString())
        .contains("acct").doesNotContain("the-key", "the-secret", "c2VjcmV0LWtleQ==");
  }

  @Test
  void remoteFileSystemReadsAzAndAbfsBasepathsAndAdlfsSettings() {
    AzureLocation az = AzureRemoteFileSystem.location("az://code/some/folder",
        Json.object().put("account_name", "acct").put("account_key", "c2VjcmV0"));
    assertThat(az.container()).isEqualTo("code");
    assertThat(az.prefix()).isEqualTo("some/folder");
    assertThat(az.credentials().signIn()).isEqualTo(AzureCredentials.SignIn.ACCOUNT_KEY);
    assertThat(az.credentials().blobEndpoint()).isEqualTo("https://acct.blob.core.windows.net");

    AzureLocation abfss = AzureRemoteFileSystem.location("abfss://code@acct.dfs.core.windows.net/flows", null);
    assertThat(abfss.container()).isEqualTo("code");
    assertThat(abfss.prefix()).isEqualTo("flows");
    assertThat(abfss.credentials().accountName()).isEqualTo("acct");
    assertThat(abfss.credentials().blobEndpoint()).isEqualTo("https://acct.blob.core.windows.net");
  }

  @Test
  void remoteFileSystemErrorsNameItsFields() {
    assertThatThrownBy(() -> AzureRemoteFileSystem.location("az://code/flows", Json.object()))
        .isInstanceOf(StorageException.class).hasMessageContaining("'remote-file-system'")
        .hasMessageContaining("'settings.connection_string'").hasMessageContaining("'settings.account_name'");
    assertThatThrownBy(() -> AzureRemoteFileSystem.location("az:///flows", Json.object()))
        .isInstanceOf(StorageException.class).hasMessageContaining("'basepath'");
  }
}
