//! Parsing by shape. A token stream's shape is its tokens with every name and every string
//! literal left out: the keywords, punctuation, delimiters and other literals that syn's
//! parser decides on. Two streams of one shape parse to the same tree but for those names and
//! texts, so each shape is parsed once per thread (with placeholders in their places) and
//! every stream of that shape is a copy of that tree with its own names and texts put back.
//!
//! The client's methods are a few statement shapes repeated hundreds of times (push a path
//! literal, bind an optional query argument, ...), and parsing their tokens one by one was
//! about a fifth of a run on Coder's spec. `enums` and `structs` keep their own templates,
//! filled from the model rather than from tokens, because they also skip building the tokens.

use super::template::{self, Cache};
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use std::thread::LocalKey;
use syn::visit_mut::VisitMut;

/// Syntax parsed by shape.
pub trait Node: Clone + Sized + 'static {
    fn parse(tokens: TokenStream) -> syn::Result<Self>;
    fn visit(&mut self, fill: &mut Fill);
    /// This thread's templates by shape (a shape that does not parse keeps its error).
    fn cache() -> &'static LocalKey<Cache<Vec<u8>, syn::Result<Self>>>;
}

/// Statements, as a block holds them.
#[derive(Clone)]
pub struct Stmts(pub Vec<syn::Stmt>);

thread_local! {
    static STMTS: Cache<Vec<u8>, syn::Result<Stmts>> = Cache::default();
    static FNS: Cache<Vec<u8>, syn::Result<syn::ImplItemFn>> = Cache::default();
}

/// Drops this thread's templates.
pub fn forget() {
    template::forget(&STMTS);
    template::forget(&FNS);
}

impl Node for Stmts {
    fn parse(tokens: TokenStream) -> syn::Result<Self> {
        syn::parse::Parser::parse2(syn::Block::parse_within, tokens).map(Stmts)
    }
    fn visit(&mut self, fill: &mut Fill) {
        self.0.iter_mut().for_each(|stmt| fill.visit_stmt_mut(stmt));
    }
    fn cache() -> &'static LocalKey<Cache<Vec<u8>, syn::Result<Self>>> {
        &STMTS
    }
}

impl Node for syn::ImplItemFn {
    fn parse(tokens: TokenStream) -> syn::Result<Self> {
        syn::parse2(tokens)
    }
    fn visit(&mut self, fill: &mut Fill) {
        fill.visit_impl_item_fn_mut(self);
    }
    fn cache() -> &'static LocalKey<Cache<Vec<u8>, syn::Result<Self>>> {
        &FNS
    }
}

/// Parses `tokens` as `T`, as `syn` would, through the template of their shape.
pub fn parse<T: Node>(tokens: TokenStream) -> syn::Result<T> {
    let mut read = Read::default();
    read.stream(tokens);
    let Read { shape, names, texts } = read;
    let mut node = template::copy(T::cache(), shape, |shape| T::parse(skeleton(shape)))?;
    node.visit(&mut Fill { names: names.into_iter().map(Some).collect(), texts: texts.into_iter().map(Some).collect() });
    Ok(node)
}

/// How a shape is written: a byte per token (a flat string hashes and compares faster than
/// a list of tokens), with a literal other than a string written out after its length.
mod code {
    pub const NAME: u8 = 1;
    pub const TEXT: u8 = 2;
    pub const LITERAL: u8 = 3;
    pub const CLOSE: u8 = 4;
    /// Then the delimiter: `(`, `[`, `{`, or a space for none.
    pub const OPEN: u8 = 5;
    /// Then the punctuation character, which the next token follows with no space.
    pub const JOINT: u8 = 6;
    /// Plus the keyword's index in `KEYWORDS`. Other punctuation is its own ASCII character.
    pub const KEYWORD: u8 = 0x80;
}

/// A stream's shape, and its names and string literals in order.
#[derive(Default)]
struct Read {
    shape: Vec<u8>,
    names: Vec<Ident>,
    texts: Vec<Literal>,
}

impl Read {
    fn stream(&mut self, tokens: TokenStream) {
        for token in tokens {
            match token {
                TokenTree::Group(group) => {
                    let delimiter = match group.delimiter() {
                        Delimiter::Parenthesis => b'(',
                        Delimiter::Bracket => b'[',
                        Delimiter::Brace => b'{',
                        Delimiter::None => b' ',
                    };
                    self.shape.extend([code::OPEN, delimiter]);
                    let inner = group.stream();
                    // The group's own handle goes first, so `inner` is iterated without a copy.
                    drop(group);
                    self.stream(inner);
                    self.shape.push(code::CLOSE);
                }
                TokenTree::Ident(ident) => match KEYWORDS.binary_search(&ident.to_string().as_str()) {
                    Ok(keyword) => self.shape.push(code::KEYWORD + keyword as u8),
                    Err(_) => {
                        self.shape.push(code::NAME);
                        self.names.push(ident);
                    }
                },
                TokenTree::Literal(literal) => {
                    let text = literal.to_string();
                    if text.starts_with('"') && text.ends_with('"') {
                        self.shape.push(code::TEXT);
                        self.texts.push(literal);
                    } else {
                        self.shape.push(code::LITERAL);
                        self.shape.extend((text.len() as u32).to_le_bytes());
                        self.shape.extend(text.bytes());
                    }
                }
                TokenTree::Punct(punct) => {
                    if punct.spacing() == Spacing::Joint {
                        self.shape.push(code::JOINT);
                    }
                    // Punctuation characters are ASCII.
                    self.shape.push(punct.as_char() as u8);
                }
            }
        }
    }
}

/// The words syn's parser treats apart from other names: Rust's keywords, reserved and
/// contextual ones, `_`, the boolean literals and the `builtin` of `builtin #`. In byte
/// order, for the binary search.
const KEYWORDS: &[&str] = &[
    "Self", "_", "abstract", "as", "async", "auto", "await", "become", "box", "break", "builtin", "const", "continue",
    "crate", "default", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in",
    "let", "loop", "macro", "macro_rules", "match", "mod", "move", "mut", "override", "priv", "pub", "raw", "ref",
    "return", "safe", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof", "union", "unsafe",
    "unsized", "use", "virtual", "where", "while", "yield",
];

/// Placeholders: `__n` and an index for a name, the index alone for a text. Every name and
/// text of a template is a placeholder, so none is one by accident.
const NAME: &str = "__n";

/// The tokens of `shape` with placeholders for its names and texts.
fn skeleton(shape: &[u8]) -> TokenStream {
    let (mut names, mut texts, mut at, mut spacing) = (0, 0, 0, Spacing::Alone);
    let mut open: Vec<(Delimiter, Vec<TokenTree>)> = vec![(Delimiter::None, Vec::new())];
    while at < shape.len() {
        let byte = shape[at];
        at += 1;
        let tree = match byte {
            code::OPEN => {
                let delimiter = match shape[at] {
                    b'(' => Delimiter::Parenthesis,
                    b'[' => Delimiter::Bracket,
                    b'{' => Delimiter::Brace,
                    _ => Delimiter::None,
                };
                at += 1;
                open.push((delimiter, Vec::new()));
                continue;
            }
            code::CLOSE => {
                let (delimiter, trees) = open.pop().expect("a shape's groups are balanced");
                TokenTree::Group(Group::new(delimiter, trees.into_iter().collect()))
            }
            code::NAME => {
                names += 1;
                TokenTree::Ident(Ident::new(&format!("{NAME}{}", names - 1), Span::call_site()))
            }
            code::TEXT => {
                texts += 1;
                TokenTree::Literal(Literal::string(&(texts - 1).to_string()))
            }
            code::LITERAL => {
                let len = u32::from_le_bytes(shape[at..at + 4].try_into().expect("four bytes")) as usize;
                let text = std::str::from_utf8(&shape[at + 4..at + 4 + len]).expect("a literal is text");
                at += 4 + len;
                TokenTree::Literal(text.parse().expect("a literal reads back"))
            }
            code::JOINT => {
                spacing = Spacing::Joint;
                continue;
            }
            keyword if keyword >= code::KEYWORD => {
                TokenTree::Ident(Ident::new(KEYWORDS[(keyword - code::KEYWORD) as usize], Span::call_site()))
            }
            punct => TokenTree::Punct(Punct::new(punct as char, std::mem::replace(&mut spacing, Spacing::Alone))),
        };
        open.last_mut().expect("the outermost stream stays open").1.push(tree);
    }
    open.pop().expect("the outermost stream").1.into_iter().collect()
}

/// Puts a stream's own names and texts in place of a template's placeholders.
pub struct Fill {
    names: Vec<Option<Ident>>,
    texts: Vec<Option<Literal>>,
}

impl Fill {
    fn name(&mut self, placeholder: &Ident) -> Option<Ident> {
        let index: usize = placeholder.to_string().strip_prefix(NAME)?.parse().ok()?;
        self.names[index].take()
    }

    /// The text for the literal written `written`, if that is a placeholder.
    fn text(&mut self, written: &str) -> Option<Literal> {
        let index: usize = written.strip_prefix('"')?.strip_suffix('"')?.parse().ok()?;
        self.texts[index].take()
    }

    /// Tokens syn keeps unparsed (macro arguments, attribute arguments), filled.
    fn tokens(&mut self, tokens: TokenStream) -> TokenStream {
        tokens
            .into_iter()
            .map(|token| match token {
                TokenTree::Group(group) => {
                    let mut filled = Group::new(group.delimiter(), self.tokens(group.stream()));
                    filled.set_span(group.span());
                    TokenTree::Group(filled)
                }
                TokenTree::Ident(ident) => TokenTree::Ident(self.name(&ident).unwrap_or(ident)),
                TokenTree::Literal(literal) => TokenTree::Literal(self.text(&literal.to_string()).unwrap_or(literal)),
                other => other,
            })
            .collect()
    }
}

impl VisitMut for Fill {
    fn visit_ident_mut(&mut self, ident: &mut Ident) {
        if let Some(name) = self.name(ident) {
            *ident = name;
        }
    }

    fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
        if let Some(text) = self.text(&lit.token().to_string()) {
            let syn::Lit::Str(text) = syn::Lit::new(text) else { unreachable!("texts are string literals") };
            *lit = text;
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        syn::visit_mut::visit_path_mut(self, &mut mac.path);
        mac.tokens = self.tokens(std::mem::take(&mut mac.tokens));
    }

    fn visit_meta_list_mut(&mut self, list: &mut syn::MetaList) {
        syn::visit_mut::visit_path_mut(self, &mut list.path);
        list.tokens = self.tokens(std::mem::take(&mut list.tokens));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{format_ident, quote};

    /// Statements printed inside a function, as prettyplease prints them.
    fn print(stmts: Vec<syn::Stmt>) -> String {
        let mut function: syn::ItemFn = syn::parse2(quote!(fn f() {})).expect("a function parses");
        function.block.stmts = stmts;
        super::super::format::print_items(vec![syn::Item::Fn(function)])
    }

    #[test]
    fn streams_parsed_by_shape_print_as_syn_parses_them() {
        // Each stream twice, with other names and texts, so the second is a copy of the first's
        // template; the second set looks like the placeholders.
        let streams = |name: &str, text: &str, raw: &str| {
            let (name, raw) = (format_ident!("{name}"), syn::Ident::new_raw(raw, Span::call_site()));
            vec![
                quote!(let #name = #text; let #raw = #name.len();),
                quote!(let union = default; let raw = #name; let r#gen = 1;),
                quote!(#[doc = #text] let mut cookies: Vec<String> = Vec::new(); cookies.push(format!("{}={}", #text, #name));),
                quote!(let v = #name.0 .1; let w = #name -1.5e3f64 + 'c' as u32 as f64;),
                quote! {
                    match #name.status.as_u16() {
                        200 => Ok(()),
                        400..=499 => Err(#raw::#name(-1i64)),
                        _ => Err(b"bytes"),
                    }
                },
                quote!(#[serde(rename = #text)] let #name: Option<Vec<super::models::#raw>> = None;),
                quote!({ let values = #name; url.push_str(&encode_path(&values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(#text))); }),
            ]
        };
        for (first, second) in streams("value", "say \"hi\"\n", "type").into_iter().zip(streams("__n0", "0", "__n1")) {
            for stream in [first, second] {
                let expected = print(syn::parse::Parser::parse2(syn::Block::parse_within, stream.clone()).expect("the stream parses"));
                let Stmts(stmts) = parse(stream.clone()).expect("the stream parses by shape");
                assert_eq!(print(stmts), expected, "{stream}");
            }
        }
    }

    #[test]
    fn keywords_are_in_byte_order() {
        assert!(KEYWORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn invalid_tokens_fail_as_syn_fails() {
        let stream = quote!(let value name = "text";);
        let by_shape = parse::<Stmts>(stream.clone()).err().expect("invalid tokens fail").to_string();
        let by_syn = syn::parse::Parser::parse2(syn::Block::parse_within, stream).err().expect("invalid tokens fail").to_string();
        assert_eq!(by_shape, by_syn);
    }
}
