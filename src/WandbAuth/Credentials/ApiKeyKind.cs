namespace WandbAuth.Credentials
{
    /// <summary>The key formats W&amp;B issues (see wandb-api.md, "Key formats").</summary>
    public enum ApiKeyKind
    {
        /// <summary>wandb_v1_…, about 86 characters: keys created since late 2025.</summary>
        Current,
        /// <summary>Exactly 40 characters, no prefix: keys created before wandb_v1_.</summary>
        Legacy,
        /// <summary>&lt;prefix&gt;-&lt;40 or more characters&gt;, from self-managed servers (e.g. local-…).</summary>
        SelfManaged,
    }
}
