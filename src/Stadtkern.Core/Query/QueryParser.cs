using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Query;

/// <summary>Parses the NGSI-LD query language. Names are expanded with the request's context; any syntax error is a 400 BadRequestData naming the position.</summary>
public sealed class QueryParser
{
    private const int MaxLength = 4096;
    private const int MaxDepth = 16;
    private static readonly string[] Operators = ["==", "!=", ">=", "<=", "!~=", "~=", ">", "<"];
    private readonly string _text;
    private readonly JsonLdContext _context;
    private int _pos;
    private int _depth;

    private QueryParser(string text, JsonLdContext context)
    {
        _text = text;
        _context = context;
    }

    public static QueryExpression Parse(string text, JsonLdContext context)
    {
        if (string.IsNullOrWhiteSpace(text)) throw NgsiLdException.BadData("The query q is empty.");
        if (text.Length > MaxLength) throw new NgsiLdException(ErrorType.TooComplexQuery, $"The query q is longer than {MaxLength} characters.");
        var parser = new QueryParser(text.Trim(), context);
        var expression = parser.ParseOr();
        if (parser._pos != parser._text.Length) throw parser.Error("unexpected character");
        return expression;
    }

    private NgsiLdException Error(string what) =>
        NgsiLdException.BadData($"Invalid query q at position {_pos + 1}: {what} in '{_text}'.");

    private QueryExpression ParseOr()
    {
        var terms = new List<QueryExpression> { ParseAnd() };
        while (Peek('|')) { _pos++; terms.Add(ParseAnd()); }
        return terms.Count == 1 ? terms[0] : new QueryExpression.Or(terms);
    }

    private QueryExpression ParseAnd()
    {
        var terms = new List<QueryExpression> { ParseAtom() };
        while (Peek(';')) { _pos++; terms.Add(ParseAtom()); }
        return terms.Count == 1 ? terms[0] : new QueryExpression.And(terms);
    }

    private bool Peek(char c) => _pos < _text.Length && _text[_pos] == c;

    private QueryExpression ParseAtom()
    {
        if (Peek('('))
        {
            if (++_depth > MaxDepth) throw new NgsiLdException(ErrorType.TooComplexQuery, "The query q nests too deeply.");
            _pos++;
            var inner = ParseOr();
            if (!Peek(')')) throw Error("missing ')'");
            _pos++;
            _depth--;
            return inner;
        }
        if (Peek('!') && _pos + 1 < _text.Length && _text[_pos + 1] != '=')
        {
            _pos++;
            var absent = ParsePath();
            if (_pos < _text.Length && _text[_pos] is not (';' or '|' or ')'))
                throw Error("'!' denies an attribute's existence and takes no comparison");
            return new QueryExpression.Absent(absent);
        }
        var path = ParsePath();
        var op = Operators.FirstOrDefault(o => string.CompareOrdinal(_text, _pos, o, 0, o.Length) == 0);
        if (op is null) return new QueryExpression.Term(path, null, null);
        _pos += op.Length;
        return new QueryExpression.Term(path, op, ParseValue(op));
    }

    private AttributePath ParsePath()
    {
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] is not ('=' or '!' or '>' or '<' or '~' or ';' or '|' or ')' or '(' or '['))
            _pos++;
        var name = _text[start.._pos];
        if (name.Length == 0) throw Error("attribute name expected");
        var keys = new List<string>();
        while (Peek('['))
        {
            var close = _text.IndexOf(']', _pos);
            if (close < 0) throw Error("missing ']'");
            var key = _text[(_pos + 1)..close];
            if (key.Length == 0) throw Error("empty key");
            keys.Add(key);
            _pos = close + 1;
        }
        var segments = name.Contains("://", StringComparison.Ordinal) || name.StartsWith("urn:", StringComparison.Ordinal) ? [name] : name.Split('.');
        if (segments.Any(s => !Validation.IsName(s))) throw Error($"invalid attribute name '{name}'");
        var expanded = segments.Select((s, i) => i > 0 && IsMetaMember(s) ? s : _context.Expand(s)).ToList();
        return new AttributePath(expanded, keys);
    }

    private static bool IsMetaMember(string s) => s is Members.ObservedAt or Members.UnitCode or Members.DatasetId or Members.CreatedAt or Members.ModifiedAt;

    private QueryValue ParseValue(string op)
    {
        if (op is "~=" or "!~=")
        {
            var raw = ReadRawValue();
            var pattern = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw;
            try
            {
                return new QueryValue.Pattern(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
            }
            catch (ArgumentException)
            {
                throw Error("invalid regular expression");
            }
        }
        var first = ParseSingle();
        if (op is "==" or "!=")
        {
            if (string.CompareOrdinal(_text, _pos, "..", 0, 2) == 0)
            {
                _pos += 2;
                return new QueryValue.Range(first, ParseSingle());
            }
            if (Peek(','))
            {
                var values = new List<QueryValue.Single> { first };
                while (Peek(',')) { _pos++; values.Add(ParseSingle()); }
                return new QueryValue.ValueList(values);
            }
        }
        return first;
    }

    private string ReadRawValue()
    {
        var start = _pos;
        if (Peek('"'))
        {
            _pos++;
            while (_pos < _text.Length && _text[_pos] != '"') _pos += _text[_pos] == '\\' ? 2 : 1;
            if (_pos >= _text.Length) throw Error("unterminated string");
            _pos++;
            return _text[start.._pos];
        }
        while (_pos < _text.Length && _text[_pos] is not (';' or '|' or ')')) _pos++;
        return _text[start.._pos];
    }

    private QueryValue.Single ParseSingle()
    {
        if (Peek('"'))
        {
            var start = ++_pos;
            var sb = new System.Text.StringBuilder();
            while (_pos < _text.Length && _text[_pos] != '"')
            {
                if (_text[_pos] == '\\' && _pos + 1 < _text.Length) _pos++;
                sb.Append(_text[_pos++]);
            }
            if (_pos >= _text.Length) throw Error("unterminated string");
            _pos++;
            return new QueryValue.Single(JsonValue.Create(sb.ToString()), false);
        }
        var begin = _pos;
        while (_pos < _text.Length && _text[_pos] is not (';' or '|' or ')' or ',')
               && string.CompareOrdinal(_text, _pos, "..", 0, 2) != 0)
            _pos++;
        var token = _text[begin.._pos];
        if (token.Length == 0) throw Error("value expected");
        if (token is "true" or "false") return new QueryValue.Single(JsonValue.Create(token == "true"), false);
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && char.IsAsciiDigit(token[^1]))
            return new QueryValue.Single(JsonValue.Create(number), false);
        if (Validation.TryParseDateTime(token, out _)) return new QueryValue.Single(JsonValue.Create(token), true);
        if (token.Contains(':') && Validation.IsUri(token)) return new QueryValue.Single(JsonValue.Create(token), false);
        if (token.Any(c => c is '"' or '\'' or '(' or '=' or '<' or '>' or ' ')) throw Error($"invalid value '{token}'");
        // Unquoted words are compared as strings too (brokers accept them; the spec's grammar allows date and time forms).
        return new QueryValue.Single(JsonValue.Create(token), false);
    }
}
