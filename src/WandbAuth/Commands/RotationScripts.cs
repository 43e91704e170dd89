using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WandbAuth.Credentials;

namespace WandbAuth.Commands
{
    /// <summary>Turns the cmdlet's scriptblocks and the Azure DevOps variable into the engine's delegates, run on the pipeline thread.</summary>
    internal static class RotationScripts
    {
        /// <summary>The script gets the new key as a SecureString, as $args[0] and as $_.</summary>
        public static Func<SecureString, CancellationToken, Task>? From(ScriptBlock? script, RotationPump pump)
        {
            if (script == null) return null;
            return (key, ct) => pump.Run(() =>
            {
                script.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", key) }, key);
                return true;
            });
        }

        /// <summary>
        /// The Azure DevOps logging command that makes the new key a secret variable of the job: the one place a
        /// key is ever printed, and only to the host, which the agent reads and masks.
        /// </summary>
        public static Func<SecureString, CancellationToken, Task> AzureDevOpsVariable(string variable, PSHostUserInterface ui, RotationPump pump) =>
            (key, ct) => pump.Run(() =>
            {
                ui.WriteLine($"##vso[task.setvariable variable={variable};issecret=true]{SecretText.Reveal(key)}");
                return true;
            });

        /// <summary>True when running as an Azure Pipelines job (the agent sets TF_BUILD=True).</summary>
        public static bool InAzureDevOps()
        {
            var value = Environment.GetEnvironmentVariable("TF_BUILD");
            return !string.IsNullOrEmpty(value) && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";
        }
    }
}
