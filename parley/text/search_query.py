"""Parse a search box's text into a query tree; the store turns the tree into FTS5 or tsquery.

Syntax: words (all must match), ``"a phrase"`` (also «…» and “…”), ``OR``, ``AND``, ``NOT``
(between two items: ``talks NOT Geneva``), a prefix ``enrich*`` and parentheses. NOT binds
tightest, then AND (also implied between items), then OR. Operators are upper case; a lower
case "or" is a word. Every word goes through the index's normalisation (search_terms), so the
tree holds only normalised words of letters and digits: nothing the user typed reaches SQL.

``parse_query`` raises QueryError with a message meant for the user; it never returns a tree
with an empty branch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from parley.errors import ParleyError
from parley.text.search_terms import Leaf, query_words

MAX_QUERY_CHARS = 500
MAX_ITEMS = 32
MAX_DEPTH = 8
EXAMPLE = 'e.g. عراقجي, "Muscat talks", enrich*, Rubio OR Witkoff, talks NOT Geneva'
_OPEN_QUOTES = {'"': '"', "“": "”", "«": "»", "”": "”", "„": "“"}
_OPERATORS = ("AND", "OR", "NOT")


class QueryError(ParleyError):
    """A search the parser cannot read; the message says why, for the user."""


@dataclass(frozen=True)
class Op:
    """``and``/``or`` over items; ``not``: items[0] without items[1]."""

    kind: Literal["and", "or", "not"]
    items: tuple[Node, ...]


Node = Leaf | Op


def leaves(node: Node, *, positive: bool = True) -> list[Leaf]:
    """The leaves of ``node``; with ``positive``, only those a match must contain (not the
    right side of a NOT): the ones to highlight."""
    if isinstance(node, Leaf):
        return [node]
    if node.kind == "not" and positive:
        return leaves(node.items[0], positive=True)
    return [lf for item in node.items for lf in leaves(item, positive=positive)]


Token = tuple[str, str]  # (kind, value): word, prefix, phrase, op, open, close


def _lex(query: str) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in _OPEN_QUOTES:
            close = query.find(_OPEN_QUOTES[ch], i + 1)
            if close == -1:
                raise QueryError("A phrase is missing its closing quote mark.")
            out.append(("phrase", query[i + 1:close]))
            i = close + 1
            if i < n and query[i] == "*":
                raise QueryError("A * goes at the end of a word (enrich*), not after a phrase.")
        elif ch in "()":
            out.append(("open" if ch == "(" else "close", ch))
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in "()" and query[j] not in _OPEN_QUOTES:
                j += 1
            raw = query[i:j]
            i = j
            if raw in _OPERATORS:
                out.append(("op", raw))
            elif raw.endswith("*") and raw.rstrip("*"):
                out.append(("prefix", raw.rstrip("*")))
            else:
                out.append(("word", raw))
    return out


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.items = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        node = self.or_expr(0)
        tok = self.peek()
        if tok is not None:
            raise QueryError("A closing parenthesis has no opening one." if tok[0] == "close"
                             else f"Could not read the search near {tok[1]!r}.")
        return node

    def or_expr(self, depth: int) -> Node:
        items = [self.and_expr(depth)]
        while self.peek() == ("op", "OR"):
            self.take()
            items.append(self.and_expr(depth))
        return items[0] if len(items) == 1 else Op("or", tuple(items))

    def and_expr(self, depth: int) -> Node:
        items = [self.not_expr(depth)]
        while (tok := self.peek()) is not None and tok[0] != "close" and tok[1] != "OR":
            if tok == ("op", "AND"):
                self.take()
            items.append(self.not_expr(depth))
        return items[0] if len(items) == 1 else Op("and", tuple(items))

    def not_expr(self, depth: int) -> Node:
        node = self.primary(depth)
        while self.peek() == ("op", "NOT"):
            self.take()
            node = Op("not", (node, self.primary(depth)))
        return node

    def primary(self, depth: int) -> Node:
        tok = self.peek()
        if tok is None:
            raise QueryError("AND, OR and NOT need a word or phrase on each side.")
        if tok[0] == "op":
            raise QueryError(f"{tok[1]} needs a word or phrase before it, as in: talks {tok[1]} Geneva.")
        if tok[0] == "close":
            raise QueryError("Empty parentheses, or a closing one without an opening one.")
        self.take()
        if tok[0] == "open":
            if depth >= MAX_DEPTH:
                raise QueryError(f"Parentheses nest too deep (at most {MAX_DEPTH}).")
            node = self.or_expr(depth + 1)
            if self.peek() != ("close", ")"):
                raise QueryError("An opening parenthesis is not closed.")
            self.take()
            return node
        found = query_words(tok[1])
        self.items += 1
        if self.items > MAX_ITEMS:
            raise QueryError(f"Too many words in one search (at most {MAX_ITEMS}).")
        return Leaf(tuple(found), prefix=tok[0] == "prefix" and len(found) == 1)


def parse_query(query: str) -> Node:
    """The query tree of ``query``; QueryError (a message for the user) when it cannot be read."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"The search is too long ({len(query)} characters; at most {MAX_QUERY_CHARS}).")
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in query):
        raise QueryError("The search contains control characters.")
    tokens = [t for t in _lex(query) if t[0] not in ("word", "prefix", "phrase") or query_words(t[1])]
    if not tokens:
        raise QueryError(f"Nothing to search for: type a word or a phrase ({EXAMPLE}).")
    return _Parser(tokens).parse()
