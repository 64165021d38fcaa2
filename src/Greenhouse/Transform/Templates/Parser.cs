namespace Greenhouse.Transform.Templates;

/// <summary>
/// Jinja's parser (jinja2/parser.py's grammar and precedence), to statements and expressions the renderer walks.
/// Filters and tests are resolved here, so an unknown one fails at parse time with its position.
/// </summary>
internal sealed class Parser
{
    private const int MaxDepth = 200;
    private static readonly string[] UnsupportedTags = ["block", "extends", "include", "import", "from", "autoescape", "trans", "materialization", "snapshot"];

    private readonly SourceText _source;
    private readonly List<Token> _tokens;
    private readonly List<(string Tag, int Position, string[] EndNames)> _open = [];
    private int _index;
    private int _loopDepth;
    private int _depth;
    private string _tagName = "";

    private Parser(SourceText source, List<Token> tokens)
    {
        _source = source;
        _tokens = tokens;
    }

    public static Stmt[] Parse(SourceText source, List<Token> tokens) => new Parser(source, tokens).Subparse(null);

    // ---- token stream ----------------------------------------------------------------------------------------

    private Token Current => _tokens[_index];

    private Token Peek => _tokens[Math.Min(_index + 1, _tokens.Count - 1)];

    private Token Next()
    {
        var token = _tokens[_index];
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private bool SkipIf(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        Next();
        return true;
    }

    private bool SkipName(string name)
    {
        if (!Current.IsName(name))
        {
            return false;
        }

        Next();
        return true;
    }

    private Token Expect(TokenKind kind, string? context = null)
    {
        if (Current.Kind != kind)
        {
            throw Fail(Current.Position, $"expected '{Token.Symbol(kind)}'{context}, found {Current.Describe()}");
        }

        return Next();
    }

    private TemplateException Fail(int position, string reason) => _source.Error(position, reason);

    private void ExpectBlockEnd(string tag)
    {
        if (Current.Kind != TokenKind.BlockEnd)
        {
            throw Fail(Current.Position, $"expected '%}}' to end the '{tag}' tag, found {Current.Describe()}");
        }

        Next();
    }

    private string OpenBlockHint()
    {
        if (_open.Count == 0)
        {
            return "";
        }

        var (tag, position, endNames) = _open[^1];
        return $"expected '{endNames.First(n => n.StartsWith("end", StringComparison.Ordinal))}' to close the '{tag}' on line {_source.LineOf(position)}";
    }

    // ---- statements ------------------------------------------------------------------------------------------

    private Stmt[] Subparse(string[]? endNames)
    {
        var body = new List<Stmt>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Data:
                    body.Add(new TextStmt(token.Position, token.Text!));
                    Next();
                    break;
                case TokenKind.VariableBegin:
                    Next();
                    var expression = ParseTuple(withCondexpr: true);
                    if (Current.Kind != TokenKind.VariableEnd)
                    {
                        throw Fail(Current.Position, $"expected '}}}}' to end the expression, found {Current.Describe()}");
                    }

                    Next();
                    body.Add(new OutputStmt(expression.Position, expression));
                    break;
                case TokenKind.BlockBegin:
                    Next();
                    if (endNames is not null && Current.Kind == TokenKind.Name && endNames.Contains(Current.Text))
                    {
                        return [.. body];
                    }

                    body.Add(ParseStatement());
                    ExpectBlockEnd(_tagName);
                    break;
                case TokenKind.Eof:
                    if (endNames is not null)
                    {
                        throw Fail(token.Position, OpenBlockHint() + ", found end of file");
                    }

                    return [.. body];
                default:
                    throw Fail(token.Position, $"unexpected {token.Describe()}");
            }
        }
    }

    private Stmt[] ParseStatements(string[] endNames, string openTag, int openPosition, string headerTag, bool dropNeedle)
    {
        SkipIf(TokenKind.Colon);
        ExpectBlockEnd(headerTag);
        if (_open.Count >= MaxDepth)
        {
            throw Fail(openPosition, $"blocks nest deeper than {MaxDepth} levels");
        }

        _open.Add((openTag, openPosition, endNames));
        var body = Subparse(endNames);
        _open.RemoveAt(_open.Count - 1);
        if (dropNeedle)
        {
            _tagName = Next().Text!;
        }

        return body;
    }

    private Stmt ParseStatement()
    {
        var token = Current;
        if (token.Kind != TokenKind.Name)
        {
            throw Fail(token.Position, $"expected a tag name after '{{%', found {token.Describe()}");
        }

        _tagName = token.Text!;
        switch (token.Text)
        {
            case "if":
                return ParseIf();
            case "for":
                return ParseFor();
            case "set":
                return ParseSet();
            case "macro":
                return ParseMacro(TemplateMacroKind.Macro, "endmacro");
            case "test":
                return ParseMacro(TemplateMacroKind.Test, "endtest");
            case "docs":
                return ParseMacro(TemplateMacroKind.Docs, "enddocs");
            case "call":
                return ParseCallBlock();
            case "filter":
                return ParseFilterBlock();
            case "with":
                return ParseWith();
            case "do":
                Next();
                return new DoStmt(token.Position, ParseTuple());
            case "print":
                Next();
                var parts = new List<Expr>();
                while (Current.Kind != TokenKind.BlockEnd)
                {
                    if (parts.Count > 0)
                    {
                        Expect(TokenKind.Comma, " between the values of 'print'");
                    }

                    parts.Add(ParseExpression());
                }

                return new OutputStmt(token.Position, new ConcatExpr(token.Position, [.. parts]));
            case "break":
            case "continue":
                Next();
                if (_loopDepth == 0)
                {
                    throw Fail(token.Position, $"'{token.Text}' is only allowed inside a 'for' loop");
                }

                return new LoopControlStmt(token.Position, token.Text == "break" ? Flow.Break : Flow.Continue);
        }

        if (UnsupportedTags.Contains(token.Text))
        {
            throw Fail(token.Position, $"the '{token.Text}' tag is not supported here");
        }

        var hint = OpenBlockHint();
        if (token.Text!.StartsWith("end", StringComparison.Ordinal) || token.Text is "else" or "elif")
        {
            throw Fail(token.Position, hint.Length == 0
                ? $"unexpected '{token.Text}': no block is open for it to close"
                : $"unexpected '{token.Text}': {hint}");
        }

        throw Fail(token.Position, $"unknown tag '{token.Text}'" + (hint.Length == 0 ? "" : "; " + hint));
    }

    private IfStmt ParseIf()
    {
        var position = Next().Position;
        var tests = new List<Expr>();
        var bodies = new List<Stmt[]>();
        Stmt[] otherwise = [];
        var header = "if";
        while (true)
        {
            tests.Add(ParseTuple(withCondexpr: false));
            bodies.Add(ParseStatements(["elif", "else", "endif"], "if", position, header, dropNeedle: false));
            var needle = Next();
            _tagName = needle.Text!;
            if (needle.Text == "elif")
            {
                header = "elif";
                continue;
            }

            if (needle.Text == "else")
            {
                otherwise = ParseStatements(["endif"], "if", position, "else", dropNeedle: true);
            }

            return new IfStmt(position, [.. tests], [.. bodies], otherwise);
        }
    }

    private ForStmt ParseFor()
    {
        var position = Next().Position;
        var target = ParseAssignTarget(extraEnd: "in");
        if (!SkipName("in"))
        {
            throw Fail(Current.Position, $"expected 'in' after the loop variable, found {Current.Describe()}");
        }

        var iterable = ParseTuple(withCondexpr: false, extraEnd: "recursive");
        var filter = SkipName("if") ? ParseExpression() : null;
        if (Current.IsName("recursive"))
        {
            throw Fail(Current.Position, "recursive loops are not supported");
        }

        _loopDepth++;
        var body = ParseStatements(["endfor", "else"], "for", position, "for", dropNeedle: false);
        _loopDepth--;
        var needle = Next();
        _tagName = needle.Text!;
        var saved = _loopDepth;
        _loopDepth = 0;
        Stmt[] otherwise = needle.Text == "else" ? ParseStatements(["endfor"], "for", position, "else", dropNeedle: true) : [];
        _loopDepth = saved;
        return new ForStmt(position, target, iterable, filter, body, otherwise);
    }

    private Stmt ParseSet()
    {
        var position = Next().Position;
        var target = ParseAssignTarget(withNamespace: true);
        if (SkipIf(TokenKind.Assign))
        {
            return new SetStmt(position, target, ParseTuple());
        }

        var filters = Current.Kind == TokenKind.Pipe ? ParseFilterChain(startInline: false) : [];
        if (Current.Kind != TokenKind.BlockEnd)
        {
            throw Fail(Current.Position, $"expected '=' or '%}}' after the 'set' target, found {Current.Describe()}");
        }

        var body = ParseStatements(["endset"], "set", position, "set", dropNeedle: true);
        return new SetBlockStmt(position, target, filters, body);
    }

    private MacroStmt ParseMacro(TemplateMacroKind kind, string end)
    {
        var tag = Next();
        var name = Current.Kind == TokenKind.Name ? Next().Text! : throw Fail(Current.Position, $"expected the {tag.Text}'s name, found {Current.Describe()}");
        var (parameters, defaults) = kind == TemplateMacroKind.Docs && Current.Kind != TokenKind.LParen ? ([], []) : ParseSignature(tag.Text!);
        var saved = _loopDepth;
        _loopDepth = 0;
        var body = ParseStatements([end], tag.Text!, tag.Position, tag.Text!, dropNeedle: true);
        _loopDepth = saved;
        return new MacroStmt(tag.Position, new MacroDefinition(name, kind, parameters, defaults, body, _source, tag.Position));
    }

    private (NameExpr[] Parameters, Expr?[] Defaults) ParseSignature(string tag)
    {
        if (Current.Kind != TokenKind.LParen)
        {
            throw Fail(Current.Position, $"expected '(' to start the {tag}'s parameters, found {Current.Describe()}");
        }

        Next();
        var parameters = new List<NameExpr>();
        var defaults = new List<Expr?>();
        while (Current.Kind != TokenKind.RParen)
        {
            if (parameters.Count > 0)
            {
                Expect(TokenKind.Comma, " between parameters");
            }

            var name = Current.Kind == TokenKind.Name ? Next() : throw Fail(Current.Position, $"expected a parameter name, found {Current.Describe()}");
            parameters.Add(new NameExpr(name.Position, name.Text!, store: true));
            if (SkipIf(TokenKind.Assign))
            {
                defaults.Add(ParseExpression());
            }
            else if (defaults.Any(d => d is not null))
            {
                throw Fail(name.Position, $"parameter '{name.Text}' without a default follows one with a default");
            }
            else
            {
                defaults.Add(null);
            }
        }

        Expect(TokenKind.RParen);
        return ([.. parameters], [.. defaults]);
    }

    private CallBlockStmt ParseCallBlock()
    {
        var position = Next().Position;
        var (parameters, defaults) = Current.Kind == TokenKind.LParen ? ParseSignature("caller") : ([], []);
        var call = ParseExpression() as CallExpr ?? throw Fail(position, "expected a call after 'call', e.g. {% call macro_name(args) %}");
        var saved = _loopDepth;
        _loopDepth = 0;
        var body = ParseStatements(["endcall"], "call", position, "call", dropNeedle: true);
        _loopDepth = saved;
        return new CallBlockStmt(position, call, new MacroDefinition("caller", TemplateMacroKind.Caller, parameters, defaults, body, _source, position));
    }

    private FilterBlockStmt ParseFilterBlock()
    {
        var position = Next().Position;
        var filters = ParseFilterChain(startInline: true);
        var body = ParseStatements(["endfilter"], "filter", position, "filter", dropNeedle: true);
        return new FilterBlockStmt(position, filters, body);
    }

    private WithStmt ParseWith()
    {
        var position = Next().Position;
        var targets = new List<Expr>();
        var values = new List<Expr>();
        while (Current.Kind != TokenKind.BlockEnd)
        {
            if (targets.Count > 0)
            {
                Expect(TokenKind.Comma, " between the assignments of 'with'");
            }

            targets.Add(ParseAssignTarget());
            Expect(TokenKind.Assign, " after the 'with' target");
            values.Add(ParseExpression());
        }

        var body = ParseStatements(["endwith"], "with", position, "with", dropNeedle: true);
        return new WithStmt(position, [.. targets], [.. values], body);
    }

    private Expr ParseAssignTarget(bool withTuple = true, string? extraEnd = null, bool withNamespace = false)
    {
        var target = withTuple
            ? ParseTuple(simplified: true, extraEnd: extraEnd, withNamespace: withNamespace)
            : ParsePrimary(withNamespace);
        return ToStore(target);
    }

    private Expr ToStore(Expr target) => target switch
    {
        NameExpr name => new NameExpr(name.Position, name.Name, store: true),
        NamespaceRefExpr => target,
        TupleExpr tuple => new TupleExpr(tuple.Position, [.. tuple.Items.Select(ToStore)]),
        ConstExpr => throw Fail(target.Position, "cannot assign to a constant"),
        _ => throw Fail(target.Position, "cannot assign to this expression"),
    };

    // ---- expressions -----------------------------------------------------------------------------------------

    private Expr ParseExpression(bool withCondexpr = true) => withCondexpr ? ParseCondexpr() : ParseOr();

    private Expr ParseCondexpr()
    {
        var position = Current.Position;
        var expr = ParseOr();
        while (SkipName("if"))
        {
            var test = ParseOr();
            var otherwise = SkipName("else") ? ParseCondexpr() : null;
            expr = new CondExpr(position, test, expr, otherwise);
            position = Current.Position;
        }

        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var position = Next().Position;
            left = new OrExpr(position, left, ParseAnd());
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var position = Next().Position;
            left = new AndExpr(position, left, ParseNot());
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var position = Next().Position;
            return new NotExpr(position, Nested(ParseNot));
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var position = Current.Position;
        var expr = ParseMath1();
        List<CompareOp>? ops = null;
        List<Expr>? operands = null;
        while (true)
        {
            CompareOp op;
            switch (Current.Kind)
            {
                case TokenKind.Eq:
                    op = CompareOp.Eq;
                    break;
                case TokenKind.Ne:
                    op = CompareOp.Ne;
                    break;
                case TokenKind.Lt:
                    op = CompareOp.Lt;
                    break;
                case TokenKind.LtEq:
                    op = CompareOp.LtEq;
                    break;
                case TokenKind.Gt:
                    op = CompareOp.Gt;
                    break;
                case TokenKind.GtEq:
                    op = CompareOp.GtEq;
                    break;
                default:
                    if (Current.IsName("in"))
                    {
                        op = CompareOp.In;
                    }
                    else if (Current.IsName("not") && Peek.IsName("in"))
                    {
                        Next();
                        op = CompareOp.NotIn;
                    }
                    else
                    {
                        return ops is null ? expr : new CompareExpr(position, expr, [.. ops], [.. operands!]);
                    }

                    break;
            }

            Next();
            (ops ??= []).Add(op);
            (operands ??= []).Add(ParseMath1());
        }
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.Kind is TokenKind.Add or TokenKind.Sub)
        {
            var token = Next();
            left = new BinaryExpr(token.Position, token.Kind == TokenKind.Add ? BinaryOp.Add : BinaryOp.Sub, left, ParseConcat());
        }

        return left;
    }

    private Expr ParseConcat()
    {
        var first = ParseMath2();
        if (Current.Kind != TokenKind.Tilde)
        {
            return first;
        }

        var parts = new List<Expr> { first };
        while (SkipIf(TokenKind.Tilde))
        {
            parts.Add(ParseMath2());
        }

        return new ConcatExpr(first.Position, [.. parts]);
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind is TokenKind.Mul or TokenKind.Div or TokenKind.FloorDiv or TokenKind.Mod)
        {
            var token = Next();
            var op = token.Kind switch
            {
                TokenKind.Mul => BinaryOp.Mul,
                TokenKind.Div => BinaryOp.Div,
                TokenKind.FloorDiv => BinaryOp.FloorDiv,
                _ => BinaryOp.Mod,
            };
            left = new BinaryExpr(token.Position, op, left, ParsePow());
        }

        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary();
        while (Current.Kind == TokenKind.Pow)
        {
            var token = Next();
            left = new BinaryExpr(token.Position, BinaryOp.Pow, left, ParseUnary());
        }

        return left;
    }

    private Expr ParseUnary(bool withFilter = true)
    {
        var token = Current;
        Expr node;
        if (token.Kind is TokenKind.Sub or TokenKind.Add)
        {
            Next();
            var operand = Nested(() => ParseUnary(false));
            node = new UnaryExpr(token.Position, token.Kind == TokenKind.Sub ? UnaryOp.Negate : UnaryOp.Plus, operand);
        }
        else
        {
            node = ParsePrimary();
        }

        node = ParsePostfix(node);
        return withFilter ? ParseFilterExpr(node) : node;
    }

    private T Nested<T>(Func<T> parse)
    {
        if (++_depth > MaxDepth)
        {
            throw Fail(Current.Position, $"this expression nests deeper than {MaxDepth} levels");
        }

        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParsePrimary(bool withNamespace = false)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                Next();
                switch (token.Text)
                {
                    case "true" or "True":
                        return new ConstExpr(token.Position, true);
                    case "false" or "False":
                        return new ConstExpr(token.Position, false);
                    case "none" or "None":
                        return new ConstExpr(token.Position, null);
                }

                if (withNamespace && Current.Kind == TokenKind.Dot)
                {
                    Next();
                    var attribute = Current.Kind == TokenKind.Name ? Next() : throw Fail(Current.Position, $"expected an attribute name after '.', found {Current.Describe()}");
                    return new NamespaceRefExpr(token.Position, token.Text!, attribute.Text!);
                }

                return new NameExpr(token.Position, token.Text!);
            case TokenKind.String:
                Next();
                var text = (string)token.Value!;
                while (Current.Kind == TokenKind.String)
                {
                    text += (string)Next().Value!;
                }

                return new ConstExpr(token.Position, text);
            case TokenKind.Integer or TokenKind.Float:
                Next();
                return new ConstExpr(token.Position, token.Value);
            case TokenKind.LParen:
                Next();
                var inner = Nested(() => ParseTuple(explicitParentheses: true));
                Expect(TokenKind.RParen, " to close the '('");
                return inner;
            case TokenKind.LBracket:
                return Nested(ParseList);
            case TokenKind.LBrace:
                return Nested(ParseDict);
            default:
                throw Fail(token.Position, $"expected an expression, found {token.Describe()}");
        }
    }

    private Expr ParseTuple(bool simplified = false, bool withCondexpr = true, string? extraEnd = null, bool explicitParentheses = false, bool withNamespace = false)
    {
        var position = Current.Position;
        var items = new List<Expr>(1);
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Comma);
            }

            if (Current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd or TokenKind.RParen || (extraEnd is not null && Current.IsName(extraEnd)))
            {
                break;
            }

            items.Add(simplified ? ParsePrimary(withNamespace) : ParseExpression(withCondexpr));
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            isTuple = true;
        }

        if (!isTuple)
        {
            if (items.Count > 0)
            {
                return items[0];
            }

            if (!explicitParentheses)
            {
                throw Fail(Current.Position, $"expected an expression, found {Current.Describe()}");
            }
        }

        return new TupleExpr(position, [.. items]);
    }

    private ListExpr ParseList()
    {
        var position = Expect(TokenKind.LBracket).Position;
        var items = new List<Expr>();
        while (Current.Kind != TokenKind.RBracket)
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Comma, " between list items");
            }

            if (Current.Kind == TokenKind.RBracket)
            {
                break;
            }

            items.Add(ParseExpression());
        }

        Expect(TokenKind.RBracket);
        return new ListExpr(position, [.. items]);
    }

    private DictExpr ParseDict()
    {
        var position = Expect(TokenKind.LBrace).Position;
        var keys = new List<Expr>();
        var values = new List<Expr>();
        while (Current.Kind != TokenKind.RBrace)
        {
            if (keys.Count > 0)
            {
                Expect(TokenKind.Comma, " between dictionary items");
            }

            if (Current.Kind == TokenKind.RBrace)
            {
                break;
            }

            keys.Add(ParseExpression());
            Expect(TokenKind.Colon, " after a dictionary key");
            values.Add(ParseExpression());
        }

        Expect(TokenKind.RBrace);
        return new DictExpr(position, [.. keys], [.. values]);
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            switch (Current.Kind)
            {
                case TokenKind.Dot or TokenKind.LBracket:
                    node = ParseSubscript(node);
                    break;
                case TokenKind.LParen:
                    node = new CallExpr(node.Position, node, ParseCallArgs());
                    break;
                default:
                    return node;
            }
        }
    }

    private Expr ParseFilterExpr(Expr node)
    {
        while (true)
        {
            if (Current.Kind == TokenKind.Pipe)
            {
                node = ParseFilter(node);
            }
            else if (Current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (Current.Kind == TokenKind.LParen)
            {
                node = new CallExpr(node.Position, node, ParseCallArgs());
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript(Expr node)
    {
        var token = Next();
        if (token.Kind == TokenKind.Dot)
        {
            var attribute = Next();
            return attribute.Kind switch
            {
                TokenKind.Name => new GetAttrExpr(attribute.Position, node, attribute.Text!),
                TokenKind.Integer => new GetItemExpr(attribute.Position, node, new ConstExpr(attribute.Position, attribute.Value)),
                _ => throw Fail(attribute.Position, $"expected an attribute name after '.', found {attribute.Describe()}"),
            };
        }

        var subscripts = new List<Expr>();
        while (Current.Kind != TokenKind.RBracket)
        {
            if (subscripts.Count > 0)
            {
                Expect(TokenKind.Comma, " between subscripts");
            }

            subscripts.Add(ParseSubscribed());
        }

        Expect(TokenKind.RBracket);
        if (subscripts.Count == 1)
        {
            return subscripts[0] is SliceBounds slice
                ? new SliceExpr(token.Position, node, slice.Start, slice.Stop, slice.Step)
                : new GetItemExpr(token.Position, node, subscripts[0]);
        }

        if (subscripts.Count == 0 || subscripts.Any(s => s is SliceBounds))
        {
            throw Fail(token.Position, subscripts.Count == 0 ? "expected a subscript inside '[]'" : "a slice cannot be part of a tuple subscript");
        }

        return new GetItemExpr(token.Position, node, new TupleExpr(token.Position, [.. subscripts]));
    }

    private Expr ParseSubscribed()
    {
        var position = Current.Position;
        Expr? start = null;
        if (!SkipIf(TokenKind.Colon))
        {
            var node = ParseExpression();
            if (!SkipIf(TokenKind.Colon))
            {
                return node;
            }

            start = node;
        }

        Expr? stop = null;
        Expr? step = null;
        if (Current.Kind is not (TokenKind.Colon or TokenKind.RBracket or TokenKind.Comma))
        {
            stop = ParseExpression();
        }

        if (SkipIf(TokenKind.Colon) && Current.Kind is not (TokenKind.RBracket or TokenKind.Comma))
        {
            step = ParseExpression();
        }

        return new SliceBounds(position, start, stop, step);
    }

    private ArgList ParseCallArgs()
    {
        var open = Expect(TokenKind.LParen);
        var positional = new List<Expr>();
        var names = new List<string>();
        var values = new List<Expr>();
        Expr? dynamicArgs = null;
        Expr? dynamicKeywords = null;
        var requireComma = false;
        void Ensure(bool ok)
        {
            if (!ok)
            {
                throw Fail(Current.Position, "invalid call syntax: positional arguments come first, then keyword arguments, then *args and **kwargs");
            }
        }

        while (Current.Kind != TokenKind.RParen)
        {
            if (requireComma)
            {
                Expect(TokenKind.Comma, " between arguments");
                if (Current.Kind == TokenKind.RParen)
                {
                    break;
                }
            }

            if (Current.Kind == TokenKind.Mul)
            {
                Ensure(dynamicArgs is null && dynamicKeywords is null);
                Next();
                dynamicArgs = ParseExpression();
            }
            else if (Current.Kind == TokenKind.Pow)
            {
                Ensure(dynamicKeywords is null);
                Next();
                dynamicKeywords = ParseExpression();
            }
            else if (Current.Kind == TokenKind.Name && Peek.Kind == TokenKind.Assign)
            {
                Ensure(dynamicKeywords is null);
                names.Add(Next().Text!);
                Next();
                values.Add(ParseExpression());
            }
            else
            {
                Ensure(dynamicArgs is null && dynamicKeywords is null && names.Count == 0);
                positional.Add(ParseExpression());
            }

            requireComma = true;
        }

        if (Current.Kind != TokenKind.RParen)
        {
            throw Fail(Current.Position, $"expected ')' to close the '(' at {_source.Describe(open.Position)}, found {Current.Describe()}");
        }

        Next();
        return positional.Count == 0 && names.Count == 0 && dynamicArgs is null && dynamicKeywords is null
            ? ArgList.Empty
            : new ArgList([.. positional], [.. names], [.. values], dynamicArgs, dynamicKeywords);
    }

    private (Token Token, string Name) ParseDottedName(string what)
    {
        var token = Current.Kind == TokenKind.Name ? Next() : throw Fail(Current.Position, $"expected a {what} name, found {Current.Describe()}");
        var name = token.Text!;
        while (SkipIf(TokenKind.Dot))
        {
            name += "." + (Current.Kind == TokenKind.Name ? Next().Text : throw Fail(Current.Position, $"expected a name after '.', found {Current.Describe()}"));
        }

        return (token, name);
    }

    private Expr ParseFilter(Expr node)
    {
        while (Current.Kind == TokenKind.Pipe)
        {
            Next();
            node = ParseOneFilter(node);
        }

        return node;
    }

    private FilterExpr[] ParseFilterChain(bool startInline)
    {
        var filters = new List<FilterExpr>();
        while (startInline || Current.Kind == TokenKind.Pipe)
        {
            if (!startInline)
            {
                Next();
            }

            startInline = false;
            filters.Add(ParseOneFilter(null));
        }

        return [.. filters];
    }

    private FilterExpr ParseOneFilter(Expr? target)
    {
        var (token, name) = ParseDottedName("filter");
        var args = Current.Kind == TokenKind.LParen ? ParseCallArgs() : ArgList.Empty;
        var function = Filters.Find(name) ?? throw Fail(token.Position, $"unknown filter '{name}'");
        return new FilterExpr(token.Position, target, name, function, args);
    }

    private Expr ParseTest(Expr node)
    {
        var position = Next().Position;
        var negated = SkipName("not");
        var (token, name) = ParseDottedName("test");
        var args = ArgList.Empty;
        if (Current.Kind == TokenKind.LParen)
        {
            args = ParseCallArgs();
        }
        else if (Current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float or TokenKind.LParen or TokenKind.LBracket or TokenKind.LBrace
            && !Current.IsName("else") && !Current.IsName("or") && !Current.IsName("and"))
        {
            if (Current.IsName("is"))
            {
                throw Fail(Current.Position, "tests cannot be chained with 'is'");
            }

            args = new ArgList([ParsePostfix(ParsePrimary())], [], [], null, null);
        }

        var function = Tests.Find(name) ?? throw Fail(token.Position, $"unknown test '{name}'");
        Expr test = new TestExpr(token.Position, node, name, function, args);
        return negated ? new NotExpr(position, test) : test;
    }

    /// <summary>The <c>start:stop:step</c> of a subscript while parsing.</summary>
    private sealed class SliceBounds(int position, Expr? start, Expr? stop, Expr? step) : Expr(position)
    {
        public Expr? Start { get; } = start;

        public Expr? Stop { get; } = stop;

        public Expr? Step { get; } = step;

        public override object? Eval(RenderState s) => throw new InvalidOperationException("slice bounds are only parsed");

        public override IEnumerable<Node> Children() => [];
    }
}
