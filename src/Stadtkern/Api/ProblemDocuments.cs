using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Stadtkern.Errors;

namespace Stadtkern.Host.Api;

/// <summary>The one place where errors become NGSI-LD problem documents (RFC 9457 shape, NGSI-LD type URIs).</summary>
internal static partial class ProblemDocuments
{
    public static JsonObject Body(ErrorType type, string detail) => new()
    {
        ["type"] = type.Uri(),
        ["title"] = type.Title(),
        ["status"] = type.Status(),
        ["detail"] = detail,
    };

    public static IResult Result(NgsiLdException e) => Result(e.Type, e.Detail);

    public static IResult Result(ErrorType type, string detail) =>
        Results.Text(Body(type, detail).ToJsonString(), "application/json", statusCode: type.Status());

    /// <summary>Catches what escapes the endpoints: our own errors, client-caused framework errors, and true internal errors (logged, never shown in detail).</summary>
    public static void UseProblemDocuments(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                var (type, detail) = Classify(e);
                if (type == ErrorType.InternalError) LogInternalError(app.Logger, e, context.Request.Path);
                context.Response.Clear();
                context.Response.StatusCode = type.Status();
                if (type == ErrorType.ServiceUnavailable) context.Response.Headers.RetryAfter = "1";
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Body(type, detail).ToJsonString());
            }
        });
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            if (response.ContentLength is > 0 || response.ContentType is not null) return;
            var type = response.StatusCode switch
            {
                404 => ErrorType.ResourceNotFound,
                405 => ErrorType.OperationNotSupported,
                413 => ErrorType.PayloadTooLarge,
                415 => ErrorType.UnsupportedMediaType,
                _ => response.StatusCode >= 500 ? ErrorType.InternalError : ErrorType.InvalidRequest,
            };
            var code = response.StatusCode;
            response.ContentType = "application/json";
            var body = Body(type, code == 405 ? "This method is not allowed on this resource." : $"HTTP {code}.");
            body["status"] = code;
            await response.WriteAsync(body.ToJsonString());
        });
    }

    private static (ErrorType, string) Classify(Exception e) => e switch
    {
        NgsiLdException n => (n.Type, n.Detail),
        BadHttpRequestException { StatusCode: 413 } => (ErrorType.PayloadTooLarge, "The request body is larger than allowed."),
        BadHttpRequestException b => (ErrorType.InvalidRequest, b.Message),
        OperationCanceledException => (ErrorType.ServiceUnavailable, "The request was cancelled."),
        _ => (ErrorType.InternalError, "An internal error occurred; it has been logged."),
    };

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Internal error while serving {Path}")]
    private static partial void LogInternalError(ILogger logger, Exception error, string path);
}
