using System;
using System.Management.Automation;
using WandbAuth.Api;
using WandbAuth.Credentials;
using WandbAuth.Vault;

namespace WandbAuth.Commands
{
    /// <summary>One mapping from what went wrong to a PowerShell error category and id, for every cmdlet.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord For(Exception e, object? target)
        {
            var (id, category) = Classify(e);
            return new ErrorRecord(e, id, category, target);
        }

        public static ErrorRecord For(string message, string id, ErrorCategory category, object? target) =>
            new ErrorRecord(new InvalidOperationException(message), id, category, target);

        private static (string, ErrorCategory) Classify(Exception e) => e switch
        {
            WandbApiException api => api.Kind switch
            {
                ApiErrorKind.KeyRejected => ("WandbKeyRejected", ErrorCategory.AuthenticationError),
                ApiErrorKind.PermissionDenied => ("WandbPermissionDenied", ErrorCategory.PermissionDenied),
                ApiErrorKind.NotFound => ("WandbNotFound", ErrorCategory.ObjectNotFound),
                ApiErrorKind.RateLimited => ("WandbRateLimited", ErrorCategory.LimitsExceeded),
                ApiErrorKind.ServerError => ("WandbServerError", ErrorCategory.ResourceUnavailable),
                ApiErrorKind.InvalidResponse => ("WandbInvalidResponse", ErrorCategory.InvalidResult),
                ApiErrorKind.Network => ("WandbUnreachable", ErrorCategory.ConnectionError),
                ApiErrorKind.Timeout => ("WandbTimeout", ErrorCategory.OperationTimeout),
                ApiErrorKind.OutcomeUnknown => ("WandbOutcomeUnknown", ErrorCategory.ConnectionError),
                ApiErrorKind.RedirectRefused => ("WandbRedirectRefused", ErrorCategory.SecurityError),
                ApiErrorKind.IdentityTokenRejected => ("WandbIdentityTokenRejected", ErrorCategory.AuthenticationError),
                ApiErrorKind.IdentityTokenUnavailable => ("WandbIdentityTokenUnavailable", ErrorCategory.AuthenticationError),
                ApiErrorKind.ClientNotRecognized => ("WandbClientNotRecognized", ErrorCategory.AuthenticationError),
                ApiErrorKind.KeyCreationDisabled => ("WandbKeyCreationDisabled", ErrorCategory.PermissionDenied),
                ApiErrorKind.ReplyTooLarge => ("WandbReplyTooLarge", ErrorCategory.LimitsExceeded),
                _ => ("WandbGraphQLError", ErrorCategory.InvalidOperation),
            },
            ApiKeyFormatException _ => ("WandbKeyMalformed", ErrorCategory.InvalidArgument),
            CredentialNotFoundException _ => ("WandbNoCredential", ErrorCategory.AuthenticationError),
            CredentialConflictException _ => ("WandbCredentialConflict", ErrorCategory.InvalidArgument),
            IdentityTokenException _ => ("WandbIdentityTokenInvalid", ErrorCategory.InvalidData),
            AzurePipelinesException _ => ("WandbAzurePipelinesUnavailable", ErrorCategory.ResourceUnavailable),
            InsecureTransportException _ => ("WandbInsecureTransport", ErrorCategory.SecurityError),
            VaultException _ => ("WandbVaultError", ErrorCategory.WriteError),
            ArgumentException _ => ("WandbInvalidArgument", ErrorCategory.InvalidArgument),
            OperationCanceledException _ => ("WandbCancelled", ErrorCategory.OperationStopped),
            _ => ("WandbUnexpectedError", ErrorCategory.NotSpecified),
        };
    }
}
