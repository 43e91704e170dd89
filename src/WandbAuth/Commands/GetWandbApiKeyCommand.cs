using System;
using System.Management.Automation;
using WandbAuth.Keys;

namespace WandbAuth.Commands
{
    /// <summary>
    /// Get-WandbApiKey: lists keys by key ID with Created and Last used, never a secret. Your own keys by default;
    /// organization admins also another user's (-User), a team's service accounts' (-Team), or everybody's (-All,
    /// written as the listing is read).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WandbApiKey", DefaultParameterSetName = SelfSet)]
    [OutputType(typeof(ApiKey))]
    public sealed class GetWandbApiKeyCommand : WandbCmdlet
    {
        private const string SelfSet = "Self";
        private const string UserSet = "User";
        private const string TeamSet = "Team";
        private const string AllSet = "All";

        /// <summary>The descriptive name; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string? Name { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(KeyIdCompleter))]
        public string[]? KeyId { get; set; }

        /// <summary>Part of the name, key ID or owner, case-insensitive (the settings page's search box).</summary>
        [Parameter]
        public string? Search { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = UserSet)]
        [ValidateNotNullOrEmpty]
        public string User { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = TeamSet)]
        [ValidateNotNullOrEmpty]
        public string Team { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <summary>Keys last used before this date, or never.</summary>
        [Parameter]
        public DateTime? NotUsedSince { get; set; }

        [Parameter]
        public DateTime? CreatedBefore { get; set; }

        [Parameter]
        public Connection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = RequireConnection(Connection);
            var (scope, target) = ParameterSetName switch
            {
                UserSet => (KeyScope.User, User),
                TeamSet => (KeyScope.Team, Team),
                AllSet => (KeyScope.All, (string?)null),
                _ => (KeyScope.Viewer, (string?)null),
            };
            WriteVerbose($"Listing {scope.Whose(target)} at {connection.BaseUrl}.");

            var lister = new KeyLister(connection.Context.Api, connection.Context.IsCurrentKey, WriteVerbose);
            KeyFilter filter;
            try { filter = new KeyFilter(Name, KeyId, Search, NotUsedSince, CreatedBefore); }
            catch (ArgumentException e)
            {
                WriteError(KeyErrors.For(e, null));
                return;
            }
            System.Collections.Generic.IEnumerator<ApiKey>? keys = null;
            try
            {
                while (true)
                {
                    ApiKey key;
                    try
                    {
                        keys ??= lister.List(scope, target, filter, StopToken).GetEnumerator();
                        if (!keys.MoveNext()) break;
                        key = keys.Current;
                    }
                    catch (Exception e) when (!(e is PipelineStoppedException))
                    {
                        WriteError(KeyErrors.For(e, (object?)target ?? connection.BaseUrl));
                        return;
                    }
                    // Outside the try: an error further down the pipeline is not this listing's failure.
                    WriteObject(key);
                }
                foreach (var missing in filter.ExactKeyIdsNotFound)
                    WriteError(KeyErrors.For(new KeyOperationException(KeyProblem.NotFound,
                        $"There is no key with key ID '{missing}' among {scope.Whose(target)} at {connection.BaseUrl.GetLeftPart(UriPartial.Authority)}."), missing));
            }
            finally
            {
                keys?.Dispose();
            }
        }
    }
}
