using System.Management.Automation;
using WandbAuth.Session;

namespace WandbAuth.Commands
{
    /// <summary>Get-WandbConnection: the runspace's current connection, or nothing when not connected.</summary>
    [Cmdlet(VerbsCommon.Get, "WandbConnection")]
    [OutputType(typeof(Connection))]
    public sealed class GetWandbConnectionCommand : WandbCmdlet
    {
        protected override void ProcessRecord()
        {
            var connection = ConnectionStore.Get();
            if (connection != null) WriteObject(connection);
            else WriteVerbose("Not connected. Run Connect-Wandb.");
        }
    }
}
