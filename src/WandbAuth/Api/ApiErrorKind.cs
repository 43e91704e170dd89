namespace WandbAuth.Api
{
    /// <summary>What went wrong talking to W&amp;B, in terms a caller can act on.</summary>
    public enum ApiErrorKind
    {
        /// <summary>The key was rejected: HTTP 401, or a 200 answer whose viewer is null.</summary>
        KeyRejected,
        PermissionDenied,
        NotFound,
        RateLimited,
        ServerError,
        /// <summary>HTML, garbage or a shape that is not a GraphQL answer.</summary>
        InvalidResponse,
        /// <summary>A GraphQL error that fits none of the above.</summary>
        GraphQLError,
        Network,
        Timeout,
        /// <summary>A mutation was sent but its answer was lost: it may or may not have happened on the server.</summary>
        OutcomeUnknown,
        /// <summary>The server redirected; the key is never re-sent to a redirect target.</summary>
        RedirectRefused,
        /// <summary>"relogin required": the server did not recognise this client (its User-Agent) and refused the whole request.</summary>
        ClientNotRecognized,
        /// <summary>The organization's administrators turned off API key creation.</summary>
        KeyCreationDisabled,
        /// <summary>The answer ran past the size WandbAuth reads (a proxy or misconfigured server answering).</summary>
        ReplyTooLarge,
        /// <summary>W&amp;B refused the identity token in the exchange for an access token (any 4xx but 429): final, not retried.</summary>
        IdentityTokenRejected,
        /// <summary>No identity token could be had (the Azure DevOps OIDC request failed).</summary>
        IdentityTokenUnavailable,
    }
}
