namespace Stadtkern.Errors;

/// <summary>The NGSI-LD error types (GS CIM 009, clause 5.5.2) and the HTTP status each maps to.</summary>
public enum ErrorType
{
    InvalidRequest,
    BadRequestData,
    AlreadyExists,
    OperationNotSupported,
    ResourceNotFound,
    InternalError,
    TooComplexQuery,
    TooManyResults,
    LdContextNotAvailable,
    NoMultiTenantSupport,
    NonexistentTenant,
    Conflict,
    PayloadTooLarge,
    UnsupportedMediaType,
    NotAcceptable,
    ServiceUnavailable,
}

/// <summary>Status codes and type URIs of <see cref="ErrorType"/>.</summary>
public static class ErrorTypes
{
    /// <summary>The problem type URI; media-type and size errors are reported as NGSI-LD InvalidRequest, as the spec has no type of its own for them.</summary>
    public static string Uri(this ErrorType type) => "https://uri.etsi.org/ngsi-ld/errors/" + type switch
    {
        ErrorType.PayloadTooLarge or ErrorType.UnsupportedMediaType or ErrorType.NotAcceptable => nameof(ErrorType.InvalidRequest),
        ErrorType.ServiceUnavailable => nameof(ErrorType.InternalError),
        _ => type.ToString(),
    };

    public static int Status(this ErrorType type) => type switch
    {
        ErrorType.InvalidRequest or ErrorType.BadRequestData => 400,
        ErrorType.AlreadyExists or ErrorType.Conflict => 409,
        ErrorType.OperationNotSupported => 422,
        ErrorType.ResourceNotFound or ErrorType.NonexistentTenant => 404,
        ErrorType.TooComplexQuery or ErrorType.TooManyResults => 403,
        ErrorType.LdContextNotAvailable or ErrorType.ServiceUnavailable => 503,
        ErrorType.NoMultiTenantSupport => 501,
        ErrorType.PayloadTooLarge => 413,
        ErrorType.UnsupportedMediaType => 415,
        ErrorType.NotAcceptable => 406,
        _ => 500,
    };

    public static string Title(this ErrorType type) => type switch
    {
        ErrorType.InvalidRequest => "The request is not well formed",
        ErrorType.BadRequestData => "The request contains input data that does not meet the requirements",
        ErrorType.AlreadyExists => "The referred element already exists",
        ErrorType.OperationNotSupported => "The operation is not supported",
        ErrorType.ResourceNotFound => "The referred resource has not been found",
        ErrorType.TooComplexQuery => "The query is too complex",
        ErrorType.TooManyResults => "The query result is too large",
        ErrorType.LdContextNotAvailable => "A remote JSON-LD @context could not be retrieved",
        ErrorType.NonexistentTenant => "The addressed tenant does not exist",
        ErrorType.PayloadTooLarge => "The request body is too large",
        ErrorType.UnsupportedMediaType => "The content type of the request is not supported",
        ErrorType.NotAcceptable => "None of the accepted media types can be produced",
        ErrorType.ServiceUnavailable => "The service is temporarily unavailable",
        _ => "Internal error",
    };
}
