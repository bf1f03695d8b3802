//! CSV as spreadsheet programs write it (RFC 4180): cells separated by commas, a cell
//! in double quotes may hold commas, line breaks and `""` for a quote. Read into records,
//! each with its row number as a spreadsheet program shows it (a quoted cell's line
//! breaks stay inside one row); written back so that reading gives the same cells.

use super::ImportError;

/// One record: the spreadsheet row it is on (1-based) and its cells.
pub type Record = (usize, Vec<String>);

/// Characters that make a spreadsheet program read a cell as a formula. A cell that
/// starts with one is written with a leading `'` (the spreadsheet's own "this is text"
/// mark), and a leading `'` before one of them (or before another `'`) is removed on
/// reading, so the text round-trips and is never run as a formula.
const FORMULA_START: [char; 4] = ['=', '+', '-', '@'];

/// Reads CSV text into records. Line breaks inside a cell become `\n`; a byte-order
/// mark at the start is skipped. The only fault is a quoted cell never closed.
pub fn parse(text: &str) -> Result<Vec<Record>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false; // inside a quoted cell
    let mut was_quoted = false; // this cell began with a quote
    let mut row = 1;
    let mut quote_row = 1;
    let mut chars = text.chars().peekable();
    let mut pending = false; // a record has begun
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
                quote_row = row;
                pending = true;
            }
            ',' => {
                cells.push(unescape(std::mem::take(&mut cell), was_quoted));
                was_quoted = false;
                pending = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cells.push(unescape(std::mem::take(&mut cell), was_quoted));
                was_quoted = false;
                records.push((row, std::mem::take(&mut cells)));
                pending = false;
                row += 1;
            }
            _ => {
                // Text after a closing quote is kept as written, as spreadsheets do.
                cell.push(c);
                pending = true;
            }
        }
    }
    if quoted {
        return Err(ImportError::row(
            quote_row,
            "a cell opens a quotation mark (\") that is never closed, so the rest of the file would be one cell; close it, or remove the stray quotation mark",
        ));
    }
    if pending || !cell.is_empty() {
        cells.push(unescape(cell, was_quoted));
        records.push((row, cells));
    }
    Ok(records)
}

/// Removes the leading `'` that marks a formula-like cell as text (see [`FORMULA_START`]).
fn unescape(cell: String, _quoted: bool) -> String {
    let mut it = cell.chars();
    if it.next() == Some('\'') {
        if let Some(next) = it.next() {
            if next == '\'' || FORMULA_START.contains(&next) {
                return cell[1..].to_string();
            }
        }
    }
    cell
}

/// One cell written for CSV: quoted when it holds a comma, quote or line break, or
/// starts or ends with a space; a formula-like start is marked as text with `'`.
pub fn cell(text: &str) -> String {
    let mut text = text.to_string();
    if text.starts_with('\'') || text.starts_with(FORMULA_START) {
        text.insert(0, '\'');
    }
    let needs_quotes = text.is_empty()
        || text.contains([',', '"', '\n', '\r'])
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace)
        || text.starts_with('#');
    if needs_quotes && !text.is_empty() {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One record as a CSV line (ending in CRLF, as RFC 4180 and spreadsheet programs do).
pub fn line(cells: &[&str]) -> String {
    let mut out = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        parse(text).unwrap().into_iter().map(|(_, c)| c).collect()
    }

    #[test]
    fn reads_quotes_commas_and_line_breaks() {
        let text = "a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",x,\r\nlast";
        let r = parse(text).unwrap();
        assert_eq!(
            r[0],
            (1, vec!["a".into(), "b, c".into(), "say \"hi\"".into()])
        );
        assert_eq!(r[1], (2, vec!["two\nlines".into(), "x".into(), "".into()]));
        // The quoted line break stays in row 2; the next record is row 3.
        assert_eq!(r[2], (3, vec!["last".into()]));
    }

    #[test]
    fn a_byte_order_mark_and_a_final_line_break_add_nothing() {
        assert_eq!(cells("\u{feff}id,title\n"), vec![vec!["id", "title"]]);
        assert_eq!(cells("a\n\nb"), vec![vec!["a"], vec![""], vec!["b"]]);
    }

    #[test]
    fn an_unclosed_quote_is_reported_on_its_row() {
        let e = parse("id,title\nR1,\"never closed\nR2,x\n").unwrap_err();
        assert_eq!(e.row, Some(2));
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn formula_like_cells_are_marked_as_text_and_round_trip() {
        for text in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-",
            "@SUM",
            "'",
            "'=",
            "''x",
            "'plain",
        ] {
            let written = cell(text);
            assert!(
                written.trim_start_matches('"').starts_with('\''),
                "{written}"
            );
            assert_eq!(cells(&line(&[text, "z"]))[0][0], text, "{written}");
        }
        assert_eq!(cells("'=1,'x")[0], vec!["=1", "'x"]);
    }

    #[test]
    fn written_lines_read_back_the_same() {
        let row = [
            "",
            " lead",
            "trail ",
            "a,b",
            "q\"q",
            "x\ny",
            "# not a comment",
            "ok",
        ];
        assert_eq!(cells(&line(&row))[0], row);
    }
}
