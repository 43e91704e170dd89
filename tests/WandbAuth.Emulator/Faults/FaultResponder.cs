using Microsoft.AspNetCore.Http;
using WandbAuth.Emulator.Http;

namespace WandbAuth.Emulator;

/// <summary>Plays an injected fault on any endpoint: answers in its place, or (a delay) waits and lets the request go on.</summary>
internal static class FaultResponder
{
    /// <returns>True when the fault answered (or dropped) the request; false when the endpoint should go on.</returns>
    public static async Task<bool> AnsweredAsync(HttpContext context, Fault? fault, Trace trace, CancellationToken cancel)
    {
        trace.Fault = fault;
        switch (fault)
        {
            case DelayFault delay:
                await Task.Delay(delay.Duration, cancel);
                return false;
            case StatusFault statusFault:
                trace.Answered(statusFault.Code);
                await Responses.StatusFaultAsync(context.Response, statusFault);
                return true;
            case HtmlFault html:
                trace.Answered(html.Code);
                await Responses.HtmlAsync(context.Response, html.Code);
                return true;
            case GraphQLErrorFault error:
                trace.Answered(StatusCodes.Status200OK);
                await Responses.ErrorsAsync(context.Response, StatusCodes.Status200OK, error.Message, withNullData: true);
                return true;
            case DropFault:
                trace.Aborted();
                context.Abort();
                return true;
            case StallBodyFault:
                trace.Answered(StatusCodes.Status200OK);
                await Responses.StallAsync(context.Response, cancel);
                return true;
            case OversizedFault oversized:
                trace.Answered(StatusCodes.Status200OK);
                await Responses.OversizedAsync(context.Response, oversized.Bytes, cancel);
                return true;
            default:
                return false;
        }
    }
}
