//! Aligned Markdown tables, laid out the way Coder's table formatter leaves them: every
//! column padded to its widest cell (header included), measured in characters (so `»`
//! counts as one), the separator row made of dashes without spaces.

/// Renders a table: a header row, the separator, then `rows`; every line ends with `\n`.
/// Cells must not contain newlines; a `|` inside a cell is escaped.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| (0..header.len()).map(|i| row.get(i).map(|c| escape(c)).unwrap_or_default()).collect())
        .collect();
    let widths: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| cells.iter().map(|r| width(&r[i])).chain([width(h)]).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    line(&mut out, header.iter().map(|h| h.to_string()), &widths);
    out.push('|');
    for w in &widths {
        out.push_str(&"-".repeat(w + 2));
        out.push('|');
    }
    out.push('\n');
    for row in cells {
        line(&mut out, row.into_iter(), &widths);
    }
    out
}

fn line(out: &mut String, cells: impl Iterator<Item = String>, widths: &[usize]) {
    out.push('|');
    for (cell, w) in cells.zip(widths) {
        out.push(' ');
        out.push_str(&cell);
        out.push_str(&" ".repeat(w - width(&cell) + 1));
        out.push('|');
    }
    out.push('\n');
}

fn width(cell: &str) -> usize {
    cell.chars().count()
}

/// A `|` would end the cell early; newlines would end the row.
fn escape(cell: &str) -> String {
    cell.replace('|', "\\|").replace(['\r', '\n'], " ")
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
    fn escapes_pipes() {
        assert_eq!(render(&["A"], &[vec!["a|b".into()]]), "| A    |\n|------|\n| a\\|b |\n");
    }
}
