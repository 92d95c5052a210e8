namespace Stadtkern.Errors;

/// <summary>An error the broker reports to a client as an NGSI-LD problem document.</summary>
public sealed class NgsiLdException(ErrorType type, string detail) : Exception(detail)
{
    public ErrorType Type { get; } = type;

    public string Detail => Message;

    public static NgsiLdException BadData(string detail) => new(ErrorType.BadRequestData, detail);

    public static NgsiLdException Invalid(string detail) => new(ErrorType.InvalidRequest, detail);

    public static NgsiLdException NotFound(string detail) => new(ErrorType.ResourceNotFound, detail);
}
