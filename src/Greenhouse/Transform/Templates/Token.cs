namespace Greenhouse.Transform.Templates;

internal enum TokenKind
{
    Data,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Add,
    Sub,
    Div,
    FloorDiv,
    Mul,
    Mod,
    Pow,
    Tilde,
    LBracket,
    RBracket,
    LParen,
    RParen,
    LBrace,
    RBrace,
    Eq,
    Ne,
    Gt,
    GtEq,
    Lt,
    LtEq,
    Assign,
    Dot,
    Colon,
    Pipe,
    Comma,
    Semicolon,
    Eof,
}

/// <summary>One token: its kind, where it starts in the (newline-normalised) source, and its value.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, string? Text = null, object? Value = null)
{
    public bool IsName(string name) => Kind == TokenKind.Name && Text == name;

    /// <summary>How an error names this token: <c>'foo'</c>, <c>'%}'</c>, <c>end of file</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Eof => "end of file",
        TokenKind.Name => $"'{Text}'",
        TokenKind.String => $"string {PyRepr.Repr(Value)}",
        TokenKind.Integer or TokenKind.Float => $"number {Text}",
        TokenKind.Data => "template text",
        _ => $"'{Symbol(Kind)}'",
    };

    public static string Symbol(TokenKind kind) => kind switch
    {
        TokenKind.VariableBegin => "{{",
        TokenKind.VariableEnd => "}}",
        TokenKind.BlockBegin => "{%",
        TokenKind.BlockEnd => "%}",
        TokenKind.Add => "+",
        TokenKind.Sub => "-",
        TokenKind.Div => "/",
        TokenKind.FloorDiv => "//",
        TokenKind.Mul => "*",
        TokenKind.Mod => "%",
        TokenKind.Pow => "**",
        TokenKind.Tilde => "~",
        TokenKind.LBracket => "[",
        TokenKind.RBracket => "]",
        TokenKind.LParen => "(",
        TokenKind.RParen => ")",
        TokenKind.LBrace => "{",
        TokenKind.RBrace => "}",
        TokenKind.Eq => "==",
        TokenKind.Ne => "!=",
        TokenKind.Gt => ">",
        TokenKind.GtEq => ">=",
        TokenKind.Lt => "<",
        TokenKind.LtEq => "<=",
        TokenKind.Assign => "=",
        TokenKind.Dot => ".",
        TokenKind.Colon => ":",
        TokenKind.Pipe => "|",
        TokenKind.Comma => ",",
        TokenKind.Semicolon => ";",
        TokenKind.Name => "a name",
        TokenKind.String => "a string",
        TokenKind.Integer or TokenKind.Float => "a number",
        _ => kind.ToString(),
    };
}
