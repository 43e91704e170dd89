using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WandbAuth.Api
{
    /// <summary>
    /// Reads {"data":{"users":{"edges":[{"node":{...}}, ...]}}} from a stream one user node at a time: only the
    /// node being read is ever held as a JObject, never the whole answer. GraphQL "errors" (before or after
    /// "data") are handed to <c>onErrors</c>, which throws the matching WandbApiException. The body's byte budget is
    /// renewed at each user, so only what lies between two users is bounded: a listing of any length streams, a
    /// runaway answer stops at the reply limit.
    /// </summary>
    internal sealed class UserNodeReader : IUserStream
    {
        private readonly JsonTextReader _reader;
        private readonly ReplyStream _body;
        private readonly SchemaFeatures _features;
        private readonly Uri _host;
        private readonly Action<JArray> _onErrors;
        private readonly Func<ReplyTooLargeException, Exception> _tooLarge;
        private bool _started;

        public UserNodeReader(ReplyStream body, SchemaFeatures features, Uri host, Action<JArray> onErrors, Func<ReplyTooLargeException, Exception> tooLarge)
        {
            _body = body;
            _reader = new JsonTextReader(new StreamReader(body, Encoding.UTF8)) { CloseInput = true };
            _features = features; _host = host; _onErrors = onErrors; _tooLarge = tooLarge;
        }

        /// <summary>Users read so far (for progress and for tests of the streaming).</summary>
        public int UsersRead { get; private set; }

        public IEnumerator<UserRecord> GetEnumerator()
        {
            if (_started) throw new InvalidOperationException("A user stream can be read only once.");
            _started = true;
            return ReadAnswer().GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerable<UserRecord> ReadAnswer()
        {
            Next();
            if (_reader.TokenType != JsonToken.StartObject) throw Malformed("the answer is not a JSON object");
            bool sawData = false;
            while (Next() && _reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)_reader.Value!;
                Next();
                if (name == "errors")
                {
                    var errors = Load() as JArray;
                    if (errors != null && errors.Count > 0) _onErrors(errors);
                }
                else if (name == "data")
                {
                    sawData = true;
                    if (_reader.TokenType == JsonToken.StartObject)
                        foreach (var user in ReadData()) yield return user;
                    else Skip();
                }
                else Skip();
            }
            if (!sawData) throw Malformed("it has neither data nor errors");
        }

        // Inside "data": { "users": { "edges": [ ... ] }, ... }
        private IEnumerable<UserRecord> ReadData()
        {
            while (Next() && _reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)_reader.Value!;
                Next();
                if (name == "users" && _reader.TokenType == JsonToken.StartObject)
                {
                    while (Next() && _reader.TokenType == JsonToken.PropertyName)
                    {
                        var field = (string)_reader.Value!;
                        Next();
                        if (field == "edges" && _reader.TokenType == JsonToken.StartArray)
                            foreach (var user in ReadEdges()) yield return user;
                        else Skip();
                    }
                }
                else Skip();
            }
        }

        private IEnumerable<UserRecord> ReadEdges()
        {
            while (Next() && _reader.TokenType != JsonToken.EndArray)
            {
                if (_reader.TokenType != JsonToken.StartObject) { Skip(); continue; }
                while (Next() && _reader.TokenType == JsonToken.PropertyName)
                {
                    var field = (string)_reader.Value!;
                    Next();
                    if (field == "node" && _reader.TokenType == JsonToken.StartObject)
                    {
                        var node = (JObject)Load();
                        UsersRead++;
                        _body.Renew();
                        yield return WandbApi.ParseUser(node, _features);
                    }
                    else Skip();
                }
            }
        }

        // Every read goes through these three, so a cut connection, a stall, a runaway answer or broken JSON becomes a
        // WandbApiException; Ctrl+C (OperationCanceledException) passes through.
        private bool Next() => Guard(() => _reader.Read());

        private void Skip() => Guard(() => { _reader.Skip(); return true; });

        private JToken Load() => Guard(() => JToken.ReadFrom(_reader));

        private T Guard<T>(Func<T> read)
        {
            try { return read(); }
            catch (JsonException e) { throw Malformed(e.Message, e); }
            catch (ReplyTooLargeException e) { throw _tooLarge(e); }
            catch (TimeoutException e)
            {
                throw new WandbApiException(ApiErrorKind.Timeout, _host,
                    $"W&B at {_host.GetLeftPart(UriPartial.Authority)} stopped sending the user listing ({UsersRead} users read): no data arrived for the read timeout.", null, e);
            }
            catch (Exception e) when (e is IOException || e is HttpRequestException || e is ObjectDisposedException)
            {
                throw new WandbApiException(ApiErrorKind.Network, _host,
                    $"The connection to W&B at {_host.GetLeftPart(UriPartial.Authority)} broke while the user listing was being read ({UsersRead} users read).", null, e);
            }
        }

        private WandbApiException Malformed(string why, Exception? inner = null) =>
            new WandbApiException(ApiErrorKind.InvalidResponse, _host,
                $"W&B at {_host.GetLeftPart(UriPartial.Authority)} sent a user listing that is not a GraphQL answer: {why}.", null, inner);

        public void Dispose()
        {
            ((IDisposable)_reader).Dispose();
            _body.Dispose();
        }
    }
}
