//! Aligned Markdown tables, laid out the way Coder's table formatter leaves them: every
//! column padded to its widest cell (header included), measured in characters (so `»`
//! counts as one), the separator row made of dashes without spaces.

use std::borrow::Cow;

/// Renders a table: a header row, the separator, then `rows`; every line ends with `\n`.
/// Cells must not contain newlines; a `|` inside a cell is escaped.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    // Each cell escaped and measured once: GitHub's reference has 300,000 cells.
    let head: Vec<_> = header.iter().map(|h| measure(Cow::Borrowed(*h))).collect();
    let body: Vec<Vec<_>> = rows
        .iter()
        .map(|row| (0..header.len()).map(|i| measure(row.get(i).map_or(Cow::Borrowed(""), |c| escape(c)))).collect())
        .collect();
    let widths: Vec<usize> = (0..header.len()).map(|i| body.iter().map(|r| r[i].1).chain([head[i].1]).max().unwrap_or(0)).collect();
    let line_len = widths.iter().map(|w| w + 3).sum::<usize>() + 2;
    let mut out = String::with_capacity(line_len * (rows.len() + 2));
    line(&mut out, &head, &widths);
    out.push('|');
    for w in &widths {
        pad(&mut out, DASHES, w + 2);
        out.push('|');
    }
    out.push('\n');
    for row in &body {
        line(&mut out, row, &widths);
    }
    out
}

fn line(out: &mut String, cells: &[(Cow<'_, str>, usize)], widths: &[usize]) {
    out.push('|');
    for ((cell, width), w) in cells.iter().zip(widths) {
        out.push(' ');
        out.push_str(cell);
        pad(out, SPACES, w - width + 1);
        out.push('|');
    }
    out.push('\n');
}

/// Runs of the padding characters, copied in pieces rather than pushed one by one.
const SPACES: &str = "                                                                ";
const DASHES: &str = "----------------------------------------------------------------";

/// `count` characters of `run` (all one character), as many times over as it takes.
fn pad(out: &mut String, run: &str, count: usize) {
    let mut left = count;
    while left > 0 {
        let piece = left.min(run.len());
        out.push_str(&run[..piece]);
        left -= piece;
    }
}

fn measure(cell: Cow<'_, str>) -> (Cow<'_, str>, usize) {
    let width = width(&cell);
    (cell, width)
}

fn width(cell: &str) -> usize {
    cell.chars().count()
}

/// A `|` would end the cell early; newlines would end the row.
fn escape(cell: &str) -> Cow<'_, str> {
    if !cell.bytes().any(|b| matches!(b, b'|' | b'\r' | b'\n')) {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 8);
    for c in cell.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_to_widest_cell_counting_characters() {
        let table = render(&["Name", "Type"], &[vec!["`» id`".into(), "string(uuid)".into()]]);
        assert_eq!(table, "| Name   | Type         |\n|--------|--------------|\n| `» id` | string(uuid) |\n");
    }

    #[test]
    fn pads_columns_wider_than_one_run_of_padding() {
        let wide = "w".repeat(150);
        let table = render(&["A", "B"], &[vec![wide.clone(), "x".into()], vec!["y".into(), "z".into()]]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[1], format!("|{}|---|", "-".repeat(152)));
        assert_eq!(lines[3], format!("| y{} | z |", " ".repeat(149)));
        assert!(lines.iter().all(|l| l.chars().count() == lines[0].chars().count()));
    }

    #[test]
    fn escapes_pipes() {
        assert_eq!(render(&["A"], &[vec!["a|b".into()]]), "| A    |\n|------|\n| a\\|b |\n");
    }
}
