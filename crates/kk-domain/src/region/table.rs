//! [`RegionTable`]: the full 2025 region list with postal codes, and its compact text format.
//!
//! The format keeps the file small (about 1.5 MB of text, 0.5 MB zlib) by writing each code
//! relative to its parent and a postal code only when it changes from the previous village:
//!
//! ```text
//! % comment (source, licence)
//! #32            Jawa Barat              a province: one '#', two digits
//! ##01           Kabupaten Bogor         a regency: two '#', two digits
//! ###01          Cibinong                a district: three '#', two digits
//! 1001           Cibinong        16911   a village: four digits, name, postal code
//! 1002           Karadenan               (same postal code as the village before)
//! ```
//! Fields are separated by one tab. Both the reader and the writer live here so they cannot drift.

use serde::{Deserialize, Serialize};

use super::{RegionCode, RegionDirectory, RegionLevel};

/// One province, regency/city, district or village.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub code: RegionCode,
    pub name: String,
    /// Only villages have one (kk-domain.md §8).
    pub postal_code: Option<String>,
}

/// Every region of one vintage, by level, each level sorted by code.
#[derive(Debug, Clone, Default)]
pub struct RegionTable {
    levels: [Vec<Region>; 4],
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionTableError {
    #[error("line {line}: {problem}")]
    Malformed { line: usize, problem: String },
    #[error("region {code} has no parent {parent} in the table")]
    Orphan { code: String, parent: String },
}

impl RegionTable {
    /// Builds a table from regions in any order, checking that each has its parent.
    pub fn from_regions(
        regions: impl IntoIterator<Item = Region>,
    ) -> Result<Self, RegionTableError> {
        let mut table = RegionTable::default();
        for region in regions {
            table.levels[level_index(region.code.level())].push(region);
        }
        for level in &mut table.levels {
            level.sort_by(|a, b| a.code.cmp(&b.code));
        }
        for level in &table.levels[1..] {
            for region in level {
                let parent = region.code.parent().expect("below province level");
                if table.find(&parent).is_none() {
                    return Err(RegionTableError::Orphan {
                        code: region.code.to_string(),
                        parent: parent.to_string(),
                    });
                }
            }
        }
        Ok(table)
    }

    /// Reads the compact text format described in the module docs.
    pub fn parse_compact(text: &str) -> Result<Self, RegionTableError> {
        let mut table = RegionTable::default();
        // The province, regency and district the next lines belong to, as far as known.
        // Codes are built from these, one allocation a region: the table has 84,000 villages.
        let mut parents: Vec<RegionCode> = Vec::with_capacity(3);
        let mut previous_postal_code: Option<&str> = None;
        for (index, line) in text.lines().enumerate() {
            let malformed = |problem: &str| RegionTableError::Malformed {
                line: index + 1,
                problem: problem.to_owned(),
            };
            if line.is_empty() || line.starts_with('%') {
                continue;
            }
            let hashes = line.bytes().take_while(|b| *b == b'#').count();
            let mut fields = line[hashes..].split('\t');
            let local = fields.next().unwrap_or_default();
            let name = fields.next().ok_or_else(|| malformed("missing name"))?;
            let expected_width = if hashes == 0 { 4 } else { 2 };
            if local.len() != expected_width || !local.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed("bad code"));
            }
            let (code, postal_code) = match hashes {
                1..=3 => {
                    if hashes > parents.len() + 1 {
                        return Err(malformed("level skipped"));
                    }
                    parents.truncate(hashes - 1);
                    let code = match parents.last() {
                        Some(parent) => parent.child(local),
                        None => RegionCode::province(local),
                    };
                    parents.push(code.clone());
                    (code, None)
                }
                0 => {
                    let Some(district) = parents.get(2) else {
                        return Err(malformed("village outside a district"));
                    };
                    let postal_code = match fields.next() {
                        Some(given) => given,
                        None => previous_postal_code.ok_or_else(|| malformed("no postal code"))?,
                    };
                    if postal_code.len() != 5 || !postal_code.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(malformed("bad postal code"));
                    }
                    previous_postal_code = Some(postal_code);
                    (district.child(local), Some(postal_code.to_owned()))
                }
                _ => return Err(malformed("too many '#'")),
            };
            // Input is in file order, which is code order, so each level stays sorted.
            table.levels[level_index(code.level())].push(Region {
                code,
                name: name.to_owned(),
                postal_code,
            });
        }
        Ok(table)
    }

    /// Writes the compact text format, with `header_lines` as `%` comments first.
    pub fn write_compact(&self, header_lines: &[&str]) -> String {
        let mut out = String::new();
        for line in header_lines {
            out.push_str("% ");
            out.push_str(line);
            out.push('\n');
        }
        let mut previous_postal_code = None;
        for province in self.provinces() {
            self.write_subtree(province, &mut previous_postal_code, &mut out);
        }
        out
    }

    fn write_subtree<'a>(
        &'a self,
        region: &'a Region,
        previous_postal_code: &mut Option<&'a str>,
        out: &mut String,
    ) {
        let local = region.code.as_str().rsplit('.').next().unwrap_or_default();
        match region.code.level() {
            RegionLevel::Village => {
                out.push_str(local);
                out.push('\t');
                out.push_str(&region.name);
                let postal_code = region.postal_code.as_deref();
                if postal_code != *previous_postal_code
                    && let Some(postal_code) = postal_code
                {
                    out.push('\t');
                    out.push_str(postal_code);
                }
                *previous_postal_code = postal_code;
                out.push('\n');
            }
            level => {
                out.push_str(&"#".repeat(level_index(level) + 1));
                out.push_str(local);
                out.push('\t');
                out.push_str(&region.name);
                out.push('\n');
                for child in self.children(&region.code) {
                    self.write_subtree(child, previous_postal_code, out);
                }
            }
        }
    }

    pub fn provinces(&self) -> &[Region] {
        &self.levels[0]
    }

    /// The regions one level below `parent`, in code order: the cascading lists
    /// province → regency → district → village.
    pub fn children(&self, parent: &RegionCode) -> &[Region] {
        let Some(level) = self.levels.get(level_index(parent.level()) + 1) else {
            return &[];
        };
        // Children of `32.01` are the codes in ["32.01.", "32.01/"): '/' follows '.' in ASCII.
        let first = format!("{parent}.");
        let past_last = format!("{parent}/");
        let start = level.partition_point(|region| region.code.as_str() < first.as_str());
        let end = level.partition_point(|region| region.code.as_str() < past_last.as_str());
        &level[start..end]
    }

    /// How many regions the table has at one level.
    pub fn count(&self, level: RegionLevel) -> usize {
        self.levels[level_index(level)].len()
    }
}

impl RegionDirectory for RegionTable {
    fn find(&self, code: &RegionCode) -> Option<&Region> {
        let level = &self.levels[level_index(code.level())];
        level
            .binary_search_by(|region| region.code.cmp(code))
            .ok()
            .map(|index| &level[index])
    }
}

impl RegionTable {
    /// The region with this code, if it exists (also available through [`RegionDirectory`]).
    pub fn find(&self, code: &RegionCode) -> Option<&Region> {
        RegionDirectory::find(self, code)
    }
}

fn level_index(level: RegionLevel) -> usize {
    match level {
        RegionLevel::Province => 0,
        RegionLevel::Regency => 1,
        RegionLevel::District => 2,
        RegionLevel::Village => 3,
    }
}
