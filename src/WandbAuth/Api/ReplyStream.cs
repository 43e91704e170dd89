using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace WandbAuth.Api
{
    /// <summary>A reply body that ran past its byte budget.</summary>
    internal sealed class ReplyTooLargeException : IOException
    {
        public ReplyTooLargeException(long limit) : base(limit >= 1024 * 1024 ? $"more than {limit / (1024 * 1024)} MB" : $"more than {limit / 1024} KB") { Limit = limit; }
        public long Limit { get; }
    }

    /// <summary>
    /// A response body that cannot hang or swamp the process: each read must bring data within the idle timeout and
    /// stops at once when the caller cancels (a stalled read is ended by disposing the response, which is the one
    /// thing every HttpClient stack honours), and no more than <see cref="Budget"/> bytes are read.
    /// </summary>
    internal sealed class ReplyStream : Stream
    {
        private readonly Stream _inner;
        private readonly IDisposable? _owner;
        private readonly TimeSpan _idleTimeout;
        private readonly CancellationToken _cancel;
        private long _budget;

        public ReplyStream(Stream inner, IDisposable? owner, TimeSpan idleTimeout, long budget, CancellationToken cancel)
        {
            _inner = inner; _owner = owner; _idleTimeout = idleTimeout; _cancel = cancel; _budget = budget; Limit = budget;
        }

        /// <summary>The budget each <see cref="Renew"/> grants.</summary>
        public long Limit { get; }

        /// <summary>Grants a fresh budget: a streamed listing renews it at each whole item, so only one item is ever bounded.</summary>
        public void Renew() => _budget = Limit;

        public override int Read(byte[] buffer, int offset, int count)
        {
            using var guard = Guard();
            try { return Counted(_inner.Read(buffer, offset, count)); }
            catch (Exception e) when (!(e is ReplyTooLargeException)) { throw guard.Translate(e); }
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancel);
            using var guard = Guard(linked.Token);
            try { return Counted(await _inner.ReadAsync(buffer, offset, count, guard.Token).ConfigureAwait(false)); }
            catch (Exception e) when (!(e is ReplyTooLargeException)) { throw guard.Translate(e); }
        }

        private int Counted(int read)
        {
            _budget -= read;
            if (_budget < 0) throw new ReplyTooLargeException(Limit);
            return read;
        }

        private ReadGuard Guard(CancellationToken? token = null) => new ReadGuard(_idleTimeout, _owner ?? _inner, token ?? _cancel);

        /// <summary>One read's deadline: when it passes, or the caller cancels, the response is disposed to end the read.</summary>
        private sealed class ReadGuard : IDisposable
        {
            private readonly CancellationToken _caller;
            private readonly CancellationTokenSource _deadline;
            private readonly CancellationTokenRegistration _abort;

            public ReadGuard(TimeSpan idle, IDisposable victim, CancellationToken caller)
            {
                _caller = caller;
                _deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
                if (idle != Timeout.InfiniteTimeSpan) _deadline.CancelAfter(idle);
                _abort = _deadline.Token.Register(victim.Dispose);
            }

            public CancellationToken Token => _deadline.Token;

            /// <summary>What a failed read means: the caller stopped, the server went quiet, or the connection broke.</summary>
            public Exception Translate(Exception e)
            {
                if (_caller.IsCancellationRequested) return new OperationCanceledException(_caller);
                if (_deadline.IsCancellationRequested) return new TimeoutException("no data arrived for the read timeout", e);
                return e;
            }

            public void Dispose()
            {
                _abort.Dispose();
                _deadline.Dispose();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _owner?.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
