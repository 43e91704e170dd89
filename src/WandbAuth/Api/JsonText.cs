using Newtonsoft.Json.Linq;

namespace WandbAuth.Api
{
    /// <summary>Strings read out of a server's JSON without trusting its shape: odd JSON never throws here.</summary>
    internal static class JsonText
    {
        /// <summary>A non-empty string value, or null for anything else (a number, an object, null, "").</summary>
        public static string? Of(JToken? token) =>
            token is JValue value && value.Type == JTokenType.String && value.Value is string text && text.Length > 0 ? text : null;

        /// <summary>The object at <paramref name="name"/> of <paramref name="token"/>, when both are objects.</summary>
        public static JObject? Object(JToken? token, string name) => (token as JObject)?[name] as JObject;
    }
}
