// The syntax half of the query parser: tokens (query_lexer.h) -> syntax tree (query_ast.h), with
// every syntax error reported at its 1-based character position. Recursive descent, but a run of
// juxtaposed terms, a chain of ORs and a chain of NOT/-/+ are loops, so only parentheses recurse
// (and those are limited to kMaxNesting levels). The tree goes to query_builder.h.
#include "searcher/query_parser.h"

#include "core/errors.h"
#include "searcher/query_ast.h"
#include "searcher/query_builder.h"
#include "searcher/query_lexer.h"

namespace bw {
namespace query {
namespace {

class SyntaxParser {
public:
    SyntaxParser(std::string_view text, const FieldTable& fields) : lexer_(text, fields) { advance(); }

    Node parse() {
        Node root = parse_or(0);
        if (tok_.kind == TokenKind::RParen) throw QuerySyntaxError("unbalanced ')'", tok_.pos);
        return root;
    }

private:
    void advance() { tok_ = lexer_.next(); }

    // After an operator: is there nothing it could apply to?
    bool at_operand_end() const {
        return tok_.kind == TokenKind::End || tok_.kind == TokenKind::RParen || tok_.kind == TokenKind::Or ||
               tok_.kind == TokenKind::And;
    }

    static const char* name(TokenKind kind) {
        switch (kind) {
            case TokenKind::And: return "AND";
            case TokenKind::Or: return "OR";
            case TokenKind::Not: return "NOT";
            default: return "operator";
        }
    }

    [[noreturn]] static void missing_after(TokenKind op, std::size_t pos) {
        throw QuerySyntaxError(std::string("'") + name(op) + "' needs something after it", pos);
    }

    Node parse_or(std::size_t depth) {
        Node first = parse_seq(depth);
        if (tok_.kind != TokenKind::Or) return first;
        Node alternatives;
        alternatives.kind = NodeKind::Or;
        alternatives.pos = first.pos;
        alternatives.children.push_back(std::move(first));
        while (tok_.kind == TokenKind::Or) {
            const std::size_t or_pos = tok_.pos;
            if (alternatives.children.back().children.empty())
                throw QuerySyntaxError("'OR' needs something before it", or_pos);
            advance();
            if (at_operand_end()) missing_after(TokenKind::Or, or_pos);
            alternatives.children.push_back(parse_seq(depth));
        }
        return alternatives;
    }

    // Terms side by side or joined by AND, up to OR, ')' or the end. Always a Seq node.
    Node parse_seq(std::size_t depth) {
        Node seq;
        seq.kind = NodeKind::Seq;
        seq.pos = tok_.pos;
        bool after_and = false;
        for (;;) {
            switch (tok_.kind) {
                case TokenKind::End:
                case TokenKind::RParen:
                case TokenKind::Or:
                    return seq;
                case TokenKind::And: {
                    const std::size_t and_pos = tok_.pos;
                    if (seq.children.empty()) throw QuerySyntaxError("'AND' needs something before it", and_pos);
                    advance();
                    if (at_operand_end()) missing_after(TokenKind::And, and_pos);
                    seq.children.back().and_joined = true;
                    after_and = true;
                    break;
                }
                default: {
                    Node term = parse_unary(depth);
                    term.after_and = after_and;
                    term.and_joined = term.and_joined || after_and;
                    after_and = false;
                    seq.children.push_back(std::move(term));
                    break;
                }
            }
        }
    }

    // [NOT | - | +]* primary, as a loop: an odd number of negations excludes the term.
    Node parse_unary(std::size_t depth) {
        std::size_t negations = 0;
        bool required = false;
        const std::size_t pos = tok_.pos;
        for (;;) {
            if (tok_.kind == TokenKind::Not) {
                const std::size_t not_pos = tok_.pos;
                advance();
                if (at_operand_end()) missing_after(TokenKind::Not, not_pos);
                ++negations;
            } else if (tok_.kind == TokenKind::Minus) {
                advance();
                ++negations;
            } else if (tok_.kind == TokenKind::Plus) {
                advance();
                required = true;
            } else {
                break;
            }
        }
        Node term = parse_primary(depth);
        term.pos = pos;
        term.mod = negations % 2 ? Modifier::Excluded : required ? Modifier::Required : Modifier::None;
        return term;
    }

    Node parse_group(std::size_t depth) {
        const std::size_t open_pos = tok_.pos;
        if (depth + 1 > kMaxNesting)
            throw QuerySyntaxError("parentheses nested too deeply (at most " + std::to_string(kMaxNesting) + ")",
                                   open_pos);
        advance();
        Node inner = parse_or(depth + 1);
        if (tok_.kind != TokenKind::RParen) throw QuerySyntaxError("unbalanced '('", open_pos);
        if (inner.kind == NodeKind::Seq && inner.children.empty())
            throw QuerySyntaxError("empty parentheses", open_pos);
        advance();
        inner.pos = open_pos;
        return inner;
    }

    Node parse_primary(std::size_t depth) {
        Node node;
        node.pos = tok_.pos;
        switch (tok_.kind) {
            case TokenKind::LParen:
                return parse_group(depth);
            case TokenKind::Word:
            case TokenKind::Phrase:
                node.kind = tok_.kind == TokenKind::Word ? NodeKind::Word : NodeKind::Phrase;
                node.text = std::move(tok_.text);
                node.text_pos = tok_.text_pos;
                node.wildcard = tok_.wildcard;
                advance();
                return node;
            case TokenKind::Field: {
                node.kind = NodeKind::Field;
                node.text = std::move(tok_.text);
                node.text_pos = tok_.text_pos;
                advance();  // the lexer guarantees a value: a word, a phrase or '('
                if (tok_.kind == TokenKind::LParen) {
                    node.children.push_back(parse_group(depth));
                } else {
                    Node value;
                    value.kind = tok_.kind == TokenKind::Phrase ? NodeKind::Phrase : NodeKind::Word;
                    value.pos = tok_.pos;
                    value.text = std::move(tok_.text);
                    value.text_pos = tok_.text_pos;
                    value.wildcard = tok_.wildcard;
                    node.children.push_back(std::move(value));
                    advance();
                }
                return node;
            }
            default:
                // Not reachable: callers only come here at the start of a term.
                throw QuerySyntaxError("expected a term", tok_.pos);
        }
    }

    Lexer lexer_;
    LexToken tok_;
};

}  // namespace
}  // namespace query

QueryParser::QueryParser(const FieldTable& fields, const Analyzer& analyzer, DefaultOperator default_op,
                         Timestamp now, const EntityRegistry* entities)
    : fields_(fields), analyzer_(analyzer), default_op_(default_op), now_(now), entities_(entities) {}

ParsedQuery QueryParser::parse(std::string_view text) const {
    query::Node root = query::SyntaxParser(text, fields_).parse();
    query::QueryBuilder builder(fields_, analyzer_, default_op_, now_, entities_);
    builder.set_drop_stopwords(drop_stopwords_);
    return builder.build(root);
}

}  // namespace bw
