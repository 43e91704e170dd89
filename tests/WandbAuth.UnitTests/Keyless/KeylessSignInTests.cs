using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Emulator;
using WandbAuth.Session;
using WandbAuth.UnitTests.Support;
using WandbAuth.Vault;
using Xunit;

namespace WandbAuth.UnitTests.Keyless;

/// <summary>Connect-Wandb's keyless path without a runspace: WANDB_IDENTITY_TOKEN_FILE, the exchange, renewal in a long session.</summary>
public class KeylessSignInTests
{
    [Fact]
    public async Task WANDB_IDENTITY_TOKEN_FILE_signs_in_keyless_showing_subject_and_expiry()
    {
        await using var bed = await KeylessBed.StartAsync();
        bed.WriteToken();
        bed.Env.Variables["WANDB_IDENTITY_TOKEN_FILE"] = bed.TokenPath;

        var connection = bed.Open();
        await Connector.SignInAsync(connection, default);
        await Connector.VerifyAsync(connection, default);

        Assert.Equal(KeySource.IdentityToken, connection.Source);
        Assert.Equal($"WANDB_IDENTITY_TOKEN_FILE ({bed.TokenPath})", connection.SourceDetail);
        Assert.Equal(ApiKeyKind.Jwt, connection.KeyFormat);
        Assert.Equal("", connection.KeyId);
        Assert.Equal("alice@example.com", connection.Subject);
        Assert.Equal(bed.Clock.Now.AddHours(1), connection.AccessTokenExpiresAt);
        Assert.Equal("alice", connection.User);
        Assert.True(connection.Verified);
        Assert.StartsWith("alice at ", connection.ToString());
        Assert.Equal(1, bed.Exchanges);
    }

    [Fact]
    public async Task A_relative_WANDB_IDENTITY_TOKEN_FILE_is_taken_from_the_PowerShell_location()
    {
        await using var bed = await KeylessBed.StartAsync();
        bed.WriteToken();
        bed.Env.Variables["WANDB_IDENTITY_TOKEN_FILE"] = Path.GetFileName(bed.TokenPath);
        var connection = bed.Open();
        await Connector.SignInAsync(connection, default);
        Assert.Contains(bed.TokenPath, connection.SourceDetail);
    }

    [Fact]
    public async Task Both_WANDB_API_KEY_and_WANDB_IDENTITY_TOKEN_FILE_set_is_refused_as_the_SDK_does_without_sending_anything()
    {
        await using var bed = await KeylessBed.StartAsync();
        bed.WriteToken();
        bed.Env.Variables["WANDB_IDENTITY_TOKEN_FILE"] = bed.TokenPath;
        bed.Env.Variables["WANDB_API_KEY"] = TestKeys.Current(601);

        var e = Assert.Throws<CredentialConflictException>(() => bed.Open());
        Assert.Contains("Both WANDB_API_KEY and WANDB_IDENTITY_TOKEN_FILE are set, which is not allowed", e.Message);
        TestKeys.AssertNoKeyIn(e.Message, TestKeys.Current(601));
        Assert.Empty(bed.Server.Requests.All);
    }

    [Fact]
    public async Task An_explicit_key_or_IdentityTokenFile_wins_over_the_variables()
    {
        await using var bed = await KeylessBed.StartAsync();
        bed.WriteToken();
        var key = bed.Server.State.IssueKey("alice", "laptop");
        bed.Env.Variables["WANDB_IDENTITY_TOKEN_FILE"] = Path.Combine(bed.Directory, "absent");

        var byKey = bed.Open(new ConnectRequest { Key = SecretText.ToSecureString(key) });
        Assert.Equal(KeySource.Parameter, byKey.Source);
        Assert.Null(byKey.Subject);

        bed.Env.Variables["WANDB_API_KEY"] = key;
        bed.Env.Variables.Remove("WANDB_IDENTITY_TOKEN_FILE");
        var byFile = bed.Open(new ConnectRequest { IdentityTokenFile = bed.TokenPath });
        Assert.Equal((KeySource.IdentityToken, bed.TokenPath), (byFile.Source, byFile.SourceDetail));
    }

    [Fact]
    public async Task In_a_long_session_the_access_token_is_renewed_before_it_expires_and_requests_go_on()
    {
        await using var bed = await KeylessBed.StartAsync(accessTokenLifetime: TimeSpan.FromMinutes(15));
        bed.WriteToken(lifetime: TimeSpan.FromMinutes(20));
        var connection = bed.Open(new ConnectRequest { IdentityTokenFile = bed.TokenPath });
        await Connector.SignInAsync(connection, default);
        var firstExpiry = connection.AccessTokenExpiresAt;

        bed.Clock.Advance(TimeSpan.FromMinutes(9)); // 6 minutes left: no renewal
        await connection.Context.GetViewerAsync(default);
        Assert.Equal(1, bed.Exchanges);

        bed.Clock.Advance(TimeSpan.FromMinutes(1)); // 5 minutes left: renewed with the token file read again
        bed.WriteToken(lifetime: TimeSpan.FromMinutes(20));
        await connection.Context.GetViewerAsync(default);
        Assert.Equal(2, bed.Exchanges);
        Assert.Equal(bed.Clock.Now.AddMinutes(15), connection.AccessTokenExpiresAt);
        Assert.True(connection.AccessTokenExpiresAt > firstExpiry);

        bed.Clock.Advance(TimeSpan.FromMinutes(6)); // past the first token's expiry: the renewed one serves
        Assert.Equal("alice", (await connection.Context.GetViewerAsync(default)).Username);
        Assert.Equal(2, bed.Exchanges);
        Assert.All(bed.Server.Requests.ForOperation("GetViewer"), r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task An_identity_token_that_expired_before_renewal_fails_saying_so_and_never_shows_the_token()
    {
        await using var bed = await KeylessBed.StartAsync(accessTokenLifetime: TimeSpan.FromMinutes(15));
        var jwt = bed.WriteToken(lifetime: TimeSpan.FromMinutes(5));
        var connection = bed.Open(new ConnectRequest { IdentityTokenFile = bed.TokenPath });
        await Connector.SignInAsync(connection, default);

        bed.Clock.Advance(TimeSpan.FromMinutes(16)); // both the access token and the JWT in the file have expired
        var e = await Assert.ThrowsAsync<WandbApiException>(() => connection.Context.GetViewerAsync(default));
        Assert.Equal(ApiErrorKind.IdentityTokenRejected, e.Kind);
        Assert.Contains("the token has expired", e.Message);
        Assert.Contains("expired at", e.Message);
        Assert.DoesNotContain(jwt, e.ToString());
        Assert.DoesNotContain(jwt.Split('.')[2], e.ToString());
    }

    [Theory]
    [InlineData(BadKeyRejection.Http401)]
    [InlineData(BadKeyRejection.NullViewer)]
    public async Task A_refused_access_token_is_said_to_be_one_and_not_an_API_key(BadKeyRejection mode)
    {
        await using var bed = await KeylessBed.StartAsync();
        bed.Server.Options.RejectMode = mode;
        bed.WriteToken();
        var connection = bed.Open(new ConnectRequest { IdentityTokenFile = bed.TokenPath });
        await Connector.SignInAsync(connection, default);
        bed.Server.State.RevokeAccessTokens("alice");

        var e = await Assert.ThrowsAsync<WandbApiException>(() => connection.Context.GetViewerAsync(default));
        Assert.Equal(ApiErrorKind.KeyRejected, e.Kind);
        Assert.Contains($"the W&B access token exchanged for the identity token in {bed.TokenPath} was rejected", e.Message);
        Assert.Contains("run Connect-Wandb again", e.Message);
        Assert.DoesNotContain("API key", e.Message);
    }

    [Fact]
    public async Task A_subject_W_and_B_does_not_know_fails_the_sign_in()
    {
        await using var bed = await KeylessBed.StartAsync();
        bed.WriteToken(subject: "mallory@example.com");
        var connection = bed.Open(new ConnectRequest { IdentityTokenFile = bed.TokenPath });
        var e = await Assert.ThrowsAsync<WandbApiException>(() => Connector.SignInAsync(connection, default));
        Assert.Contains("sub mallory@example.com", e.Message);
        Assert.Null(connection.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task SaveToVault_with_WANDB_IDENTITY_TOKEN_FILE_is_refused_before_any_exchange()
    {
        await using var bed = await KeylessBed.StartAsync();
        bed.WriteToken();
        bed.Env.Variables["WANDB_IDENTITY_TOKEN_FILE"] = bed.TokenPath;
        var e = Assert.Throws<VaultException>(() => bed.Open(new ConnectRequest { SaveToVault = true, SecretName = "x" }));
        Assert.Contains("keyless (WANDB_IDENTITY_TOKEN_FILE", e.Message);
        Assert.Null(bed.Vault.Plain("Local", "x"));
        Assert.Equal(0, bed.Exchanges);
    }
}
