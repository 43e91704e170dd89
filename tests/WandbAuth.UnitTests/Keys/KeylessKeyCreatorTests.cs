using WandbAuth.Api;
using WandbAuth.Keys;
using WandbAuth.UnitTests.Keys.Support;
using WandbAuth.UnitTests.Support;
using Xunit;

namespace WandbAuth.UnitTests.Keys;

/// <summary>New-WandbApiKey on a keyless connection: a federated service account cannot own API keys (W&amp;B docs).</summary>
public class KeylessKeyCreatorTests
{
    private readonly FakeKeyApi _api = new("ci-bot");

    private KeyCreator Creator(string subject) => new(_api, new MemoryVault()) { Keyless = new KeylessIdentity("the identity token in /run/token", subject) };

    [Theory]
    [InlineData("sc://contoso/ml-platform/wandb-prod")]
    [InlineData("repo:contoso/models:ref:refs/heads/main")]
    public void A_subject_that_is_no_email_is_a_federated_service_account_refused_before_anything_is_asked(string subject)
    {
        var e = Assert.Throws<KeyOperationException>(() => Creator(subject).Plan("ci", null, null, false));
        Assert.Equal(KeyProblem.FederatedIdentity, e.Problem);
        Assert.Contains(subject, e.Message);
        Assert.Contains("cannot own API keys", e.Message);
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public void A_service_account_the_server_names_is_refused_before_generateApiKey()
    {
        _api.Viewer.AccountType = "SERVICE";
        var creator = Creator("svc@contoso.iam.example");
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", null, null, false), default));
        Assert.Equal(KeyProblem.FederatedIdentity, e.Problem);
        Assert.DoesNotContain("generate", _api.Calls);
    }

    [Fact]
    public void A_person_signed_in_keyless_may_create_a_key()
    {
        var creator = Creator("alice@example.com");
        var created = creator.Create(creator.Plan("laptop", null, null, false), default);
        Assert.Equal("laptop", created.Key.Name);
        Assert.Contains("generate", _api.Calls);
    }

    [Fact]
    public void A_refusal_when_the_server_does_not_say_what_the_account_is_explains_keyless_sign_in()
    {
        _api.Viewer.AccountType = null;
        _api.Before = call =>
        {
            if (call == "generate")
                throw new WandbApiException(ApiErrorKind.PermissionDenied, _api.BaseUrl, "W&B at https://wandb.example.com refused the request to create an API key: permission denied.");
        };
        var creator = Creator("svc@contoso.iam.example");
        var e = Assert.Throws<KeyOperationException>(() => creator.Create(creator.Plan("ci", null, null, false), default));
        Assert.Equal(KeyProblem.FederatedIdentity, e.Problem);
        Assert.Contains("permission denied", e.Message);
        Assert.Contains("federated service account", e.Message);
    }

    [Fact]
    public void A_refusal_for_an_account_the_server_calls_a_user_is_reported_as_it_is_not_as_keyless()
    {
        _api.Viewer.AccountType = "USER";
        _api.Before = call =>
        {
            if (call == "generate")
                throw new WandbApiException(ApiErrorKind.PermissionDenied, _api.BaseUrl, "W&B at https://wandb.example.com refused the request to create an API key: quota reached.");
        };
        var creator = Creator("alice@example.com");
        var e = Assert.Throws<WandbApiException>(() => creator.Create(creator.Plan("ci", null, null, false), default));
        Assert.Contains("quota reached", e.Message);
        Assert.DoesNotContain("federated", e.Message);
    }
}
