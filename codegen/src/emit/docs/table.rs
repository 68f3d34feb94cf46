//! Markdown tables whose optional columns disappear when no row fills them.

/// A table being built; cells are markdown already escaped for a cell.
pub struct Table {
    columns: Vec<(&'static str, bool)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with `columns`: (heading, kept even when empty).
    pub fn new(columns: &[(&'static str, bool)]) -> Table {
        Table {
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells are empty.
    pub fn row(&mut self, mut cells: Vec<String>) {
        cells.resize(self.columns.len(), String::new());
        self.rows.push(cells);
    }

    /// The table as markdown, ending with a blank line.
    pub fn render(&self) -> String {
        let keep: Vec<bool> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, always))| *always || self.rows.iter().any(|r| !r[i].is_empty()))
            .collect();
        let pick = |cells: Vec<&str>| -> String {
            let kept: Vec<&str> = cells
                .into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c)
                .collect();
            format!("| {} |\n", kept.join(" | "))
        };
        let mut out = pick(self.columns.iter().map(|(h, _)| *h).collect());
        out.push_str(&pick(self.columns.iter().map(|_| "---").collect()));
        for row in &self.rows {
            out.push_str(&pick(row.iter().map(String::as_str).collect()));
        }
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_optional_columns_are_dropped() {
        let mut t = Table::new(&[("A", true), ("B", false), ("C", true)]);
        t.row(vec!["1".into(), String::new(), String::new()]);
        assert_eq!(t.render(), "| A | C |\n| --- | --- |\n| 1 |  |\n\n");
    }
}
