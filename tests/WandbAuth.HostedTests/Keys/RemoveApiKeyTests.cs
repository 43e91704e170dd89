using System.Management.Automation;
using WandbAuth.HostedTests.Harness;

namespace WandbAuth.HostedTests.Keys;

/// <summary>Remove-WandbApiKey: asks first, refuses the session's key, reports each bad item and carries on.</summary>
public class RemoveApiKeyTests : KeyTest
{
    [Fact]
    public void Force_deletes_a_key_by_key_id_without_asking()
    {
        var old = Emulator.State.IssueKey("alice", "old");
        var oldId = KeyIdOf(old);
        ConnectAlice();
        Ps.SetVariable("OldId", oldId);
        var result = Ps.Run("Remove-WandbApiKey $OldId -Force");
        Assert.Empty(result.AllErrors);
        Assert.Empty(Ps.Console.Prompts);
        Assert.False(Emulator.State.IsLive(old));
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        Assert.Contains(result.Verbose, v => v.Contains("Deleted API key") && v.Contains(oldId));
        result.AssertNoSecret(AliceKey, old);
    }

    [Fact]
    public void It_asks_first_and_No_keeps_the_key()
    {
        var old = Emulator.State.IssueKey("alice", "old");
        ConnectAlice();
        Ps.SetVariable("OldId", KeyIdOf(old));
        Ps.Console.ChoiceAnswers.Enqueue(2); // No
        var declined = Ps.Run("Remove-WandbApiKey -KeyId $OldId");
        Assert.Empty(declined.AllErrors);
        Assert.Single(Ps.Console.Prompts);
        Assert.Contains(KeyIdOf(old), Ps.Console.Prompts[0]);
        Assert.True(Emulator.State.IsLive(old));

        Ps.Console.ChoiceAnswers.Enqueue(0); // Yes
        var accepted = Ps.Run("Remove-WandbApiKey -KeyId $OldId");
        Assert.Empty(accepted.AllErrors);
        Assert.False(Emulator.State.IsLive(old));
        declined.AssertNoSecret(AliceKey, old);
        accepted.AssertNoSecret(AliceKey, old);
    }

    [Fact]
    public void Confirm_false_deletes_without_asking()
    {
        var old = Emulator.State.IssueKey("alice", "old");
        ConnectAlice();
        Ps.SetVariable("OldId", KeyIdOf(old));
        Assert.Empty(Ps.Run("Remove-WandbApiKey -KeyId $OldId -Confirm:$false").AllErrors);
        Assert.Empty(Ps.Console.Prompts);
        Assert.False(Emulator.State.IsLive(old));
    }

    [Fact]
    public void WhatIf_deletes_nothing_even_with_Force()
    {
        var old = Emulator.State.IssueKey("alice", "old");
        ConnectAlice();
        Ps.SetVariable("OldId", KeyIdOf(old));
        var result = Ps.Run("Remove-WandbApiKey -KeyId $OldId -Force -WhatIf");
        Assert.Empty(result.AllErrors);
        Assert.Contains("What if", result.HostText);
        Assert.True(Emulator.State.IsLive(old));
        Assert.Empty(Emulator.Requests.ForOperation("DeleteApiKey"));
    }

    [Fact]
    public void Remove_refuses_the_session_key_without_Force()
    {
        ConnectAlice();
        Ps.SetVariable("MyId", KeyIdOf(AliceKey));
        var result = Ps.Run("Remove-WandbApiKey -KeyId $MyId -Confirm:$false");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.StartsWith("WandbCurrentKeyProtected", error.FullyQualifiedErrorId);
        Assert.Contains("sign you out of every script", error.Exception.Message);
        Assert.Contains("-Force", error.Exception.Message);
        Assert.True(Emulator.State.IsLive(AliceKey));
        Assert.Empty(Emulator.Requests.ForOperation("DeleteApiKey"));
        result.AssertNoSecret(AliceKey);

        var forced = Ps.Run("Remove-WandbApiKey -KeyId $MyId -Force");
        Assert.Empty(forced.AllErrors);
        Assert.False(Emulator.State.IsLive(AliceKey));
        Assert.Contains(forced.Warnings, w => w.Contains("no longer works"));
        forced.AssertNoSecret(AliceKey);
    }

    [Fact]
    public void Unknown_key_id_is_ObjectNotFound_and_the_rest_still_go()
    {
        var a = Emulator.State.IssueKey("alice", "a");
        var b = Emulator.State.IssueKey("alice", "b");
        ConnectAlice();
        Ps.SetVariable("Ids", new[] { KeyIdOf(a), "wandb_v1_doesnotexist", KeyIdOf(b) });
        var result = Ps.Run("Remove-WandbApiKey -KeyId $Ids -Force");
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("WandbKeyNotFound", error.FullyQualifiedErrorId);
        Assert.Equal("wandb_v1_doesnotexist", error.TargetObject);
        Assert.Equal(new[] { "laptop" }, LiveKeyNames("alice"));
        result.AssertNoSecret(AliceKey, a, b);
    }

    [Fact]
    public void Pipeline_from_Get_to_Remove_deletes_matching_keys()
    {
        var old1 = Emulator.State.IssueKey("alice", "old-1");
        var old2 = Emulator.State.IssueKey("alice", "old-2");
        var keep = Emulator.State.IssueKey("alice", "keep");
        ConnectAlice();
        var result = Ps.Run("Get-WandbApiKey -Name 'old*' | Remove-WandbApiKey -Force");
        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { "keep", "laptop" }, LiveKeyNames("alice"));
        // The listing's node ids are used as they are: one listing, two deletions.
        Assert.Single(Emulator.Requests.ForOperation("ListViewerKeys"));
        Assert.Equal(2, Emulator.Requests.ForOperation("DeleteApiKey").Count);
        result.AssertNoSecret(AliceKey, old1, old2, keep);
    }

    [Fact]
    public void Objects_with_a_KeyId_property_bind_by_property_name()
    {
        var old = Emulator.State.IssueKey("alice", "from-csv");
        ConnectAlice();
        Ps.SetVariable("OldId", KeyIdOf(old));
        var result = Ps.Run("[pscustomobject]@{ KeyId = $OldId; Note = 'from a report' } | Remove-WandbApiKey -Force");
        Assert.Empty(result.AllErrors);
        Assert.False(Emulator.State.IsLive(old));
    }

    [Fact]
    public void Permission_refused_is_PermissionDenied_and_the_rest_of_the_pipeline_goes_on()
    {
        var adminKey = AddUserWithKey("root", admin: true);
        var bobKey = AddUserWithKey("bob", keyName: "bobs-laptop");
        var bobSpare = Emulator.State.IssueKey("bob", "spare");
        var aliceOther = Emulator.State.IssueKey("alice", "other");
        ConnectWith(bobKey, "Bob");
        ConnectWith(adminKey, "Root");
        // The admin's listing of alice's keys, handed to bob's connection, then bob's own spare key.
        var result = Ps.Run("@(Get-WandbApiKey -User alice) + @(Get-WandbApiKey -User bob -Name spare) | Remove-WandbApiKey -Connection $Bob -Force");
        var errors = result.AllErrors.ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(ErrorCategory.PermissionDenied, e.CategoryInfo.Category));
        Assert.True(Emulator.State.IsLive(AliceKey));
        Assert.True(Emulator.State.IsLive(aliceOther));
        Assert.False(Emulator.State.IsLive(bobSpare));
        result.AssertNoSecret(adminKey, bobKey, bobSpare, aliceOther, AliceKey);
    }

    [Fact]
    public void An_admin_removes_another_users_key_by_key_id_with_User()
    {
        var adminKey = AddUserWithKey("root", admin: true);
        var bobKey = AddUserWithKey("bob", keyName: "bobs-laptop");
        ConnectWith(adminKey, "Root");
        Ps.SetVariable("BobId", KeyIdOf(bobKey));
        var without = Ps.Run("Remove-WandbApiKey -KeyId $BobId -Force");
        Assert.Equal(ErrorCategory.ObjectNotFound, without.SingleError().CategoryInfo.Category);
        Assert.Contains("-User", without.SingleError().Exception.Message);
        var with = Ps.Run("Remove-WandbApiKey -KeyId $BobId -User bob -Force");
        Assert.Empty(with.AllErrors);
        Assert.False(Emulator.State.IsLive(bobKey));
        with.AssertNoSecret(adminKey, bobKey);
    }

    [Fact]
    public void A_key_deleted_meanwhile_is_ObjectNotFound()
    {
        var gone = Emulator.State.IssueKey("alice", "gone");
        ConnectAlice();
        Ps.Run("$listed = Get-WandbApiKey -Name gone");
        Emulator.State.Revoke(KeyIdOf(gone));
        var error = Ps.Run("$listed | Remove-WandbApiKey -Force").SingleError();
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }
}
