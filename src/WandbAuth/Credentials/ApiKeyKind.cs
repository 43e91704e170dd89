namespace WandbAuth.Credentials
{
    /// <summary>The credential formats W&amp;B accepts (wandb-api.md, "Key formats"; wandb/sdk/lib/wbauth/validation.py).</summary>
    public enum ApiKeyKind
    {
        /// <summary>wandb_v1_&lt;key ID&gt;_&lt;secret&gt;, 86 characters: keys created since late 2025.</summary>
        Current,
        /// <summary>Exactly 40 characters, no prefix: keys created before wandb_v1_.</summary>
        Legacy,
        /// <summary>&lt;prefix&gt;-&lt;40 or more characters&gt;, from self-managed servers (e.g. local-…).</summary>
        SelfManaged,
        /// <summary>A JWT-shaped credential (header.payload.signature), which the SDK passes to the server as a key.</summary>
        Jwt,
        /// <summary>A short-lived OAuth access token (wb_at_…), which the SDK passes to the server as a key.</summary>
        AccessToken,
    }
}
