using System.Management.Automation;
using WandbAuth.Session;

namespace WandbAuth.Commands
{
    /// <summary>Disconnect-Wandb: forgets the runspace's connection. Stored keys (vaults, files) are left alone.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Wandb", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    public sealed class DisconnectWandbCommand : WandbCmdlet
    {
        protected override void ProcessRecord()
        {
            var connection = ConnectionStore.Get();
            if (connection == null) { WriteVerbose("Not connected; nothing to forget."); return; }
            if (!ShouldProcess(connection.ToString(), "Forget the W&B connection")) return;
            ConnectionStore.Set(null);
            connection.Context.Dispose();
        }
    }
}
