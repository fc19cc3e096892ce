//! Region codes and the compact table format.

use super::*;

fn code(text: &str) -> RegionCode {
    RegionCode::parse(text).unwrap()
}

fn region(code_text: &str, name: &str, postal: Option<&str>) -> Region {
    Region {
        code: code(code_text),
        name: name.to_owned(),
        postal_code: postal.map(str::to_owned),
    }
}

fn sample() -> RegionTable {
    RegionTable::from_regions([
        region("32.01.01.1002", "Karadenan", Some("16913")),
        region("32", "Jawa Barat", None),
        region("32.01", "Kabupaten Bogor", None),
        region("32.01.01", "Cibinong", None),
        region("32.01.01.1001", "Cibinong", Some("16911")),
        region("32.01.01.1003", "Nanggewer", Some("16913")),
        region("32.01.02", "Gunung Putri", None),
        region("32.02", "Kabupaten Sukabumi", None),
        region("11", "Aceh", None),
    ])
    .unwrap()
}

#[test]
fn a_code_is_read_dotted_or_as_bare_digits() {
    assert_eq!(code("320101").as_str(), "32.01.01");
    assert_eq!(code("3201012001").as_str(), "32.01.01.2001");
    assert_eq!(code("32.01").level(), RegionLevel::Regency);
    for bad in ["3", "320", "32.0101", "32.01.01.200", "3a", "", "32..01"] {
        assert!(RegionCode::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_code_knows_its_parent_and_ancestors() {
    let village = code("32.01.01.1001");
    assert_eq!(village.parent(), Some(code("32.01.01")));
    assert_eq!(code("32").parent(), None);
    assert!(village.is_within(&code("32.01")));
    assert!(!code("33.01").is_within(&code("32")));
}

#[test]
fn the_cascading_lists_give_each_level_in_code_order() {
    let table = sample();
    let names = |parent: &str| -> Vec<String> {
        table
            .children(&code(parent))
            .iter()
            .map(|r| r.name.clone())
            .collect()
    };
    assert_eq!(
        table
            .provinces()
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Aceh", "Jawa Barat"]
    );
    assert_eq!(names("32"), ["Kabupaten Bogor", "Kabupaten Sukabumi"]);
    assert_eq!(names("32.01"), ["Cibinong", "Gunung Putri"]);
    assert_eq!(names("32.01.01"), ["Cibinong", "Karadenan", "Nanggewer"]);
    assert!(names("32.01.02").is_empty());
    assert!(names("32.01.01.1001").is_empty());
}

#[test]
fn a_region_is_found_by_its_code() {
    let table = sample();
    assert_eq!(
        table
            .find(&code("32.01.01.1002"))
            .unwrap()
            .postal_code
            .as_deref(),
        Some("16913")
    );
    assert!(table.find(&code("32.01.01.1009")).is_none());
}

#[test]
fn the_compact_format_reads_back_what_it_wrote() {
    let table = sample();
    let text = table.write_compact(&["test data"]);
    assert!(text.starts_with("% test data\n#11\tAceh\n#32\tJawa Barat\n##01\tKabupaten Bogor\n"));
    // The third village repeats the second's postal code, so it is written once.
    assert!(text.contains("1002\tKaradenan\t16913\n1003\tNanggewer\n"));
    let read = RegionTable::parse_compact(&text).unwrap();
    for level in [
        RegionLevel::Province,
        RegionLevel::Regency,
        RegionLevel::District,
        RegionLevel::Village,
    ] {
        assert_eq!(read.count(level), table.count(level));
    }
    // Every region comes back whole: the same code (rebuilt from its parent's), name and
    // postal code.
    let mut pending: Vec<&Region> = table.provinces().iter().collect();
    while let Some(region) = pending.pop() {
        assert_eq!(read.find(&region.code), Some(region));
        pending.extend(table.children(&region.code));
    }
    assert_eq!(
        read.find(&code("32.01.01.1003"))
            .unwrap()
            .postal_code
            .as_deref(),
        Some("16913")
    );
}

#[test]
fn a_malformed_compact_file_is_rejected_with_its_line() {
    let cases = [
        ("#32\tJawa Barat\n###01\tX\n", 2),
        ("#32\tJawa Barat\n1001\tX\t16911\n", 2),
        ("#32\tJawa Barat\n##01\tA\n###01\tB\n1001\tX\n", 4),
        ("#3\tJawa Barat\n", 1),
        ("#32\tJawa Barat\n##01\tA\n###01\tB\n1001\tX\t1691\n", 4),
    ];
    for (text, line) in cases {
        match RegionTable::parse_compact(text) {
            Err(RegionTableError::Malformed { line: found, .. }) => {
                assert_eq!(found, line, "{text:?}")
            }
            other => panic!("{text:?} gave {other:?}"),
        }
    }
}

#[test]
fn a_region_without_its_parent_is_rejected() {
    let orphan = RegionTable::from_regions([region("32.01", "Kabupaten Bogor", None)]);
    assert!(matches!(orphan, Err(RegionTableError::Orphan { .. })));
}

#[test]
fn there_are_38_provinces_from_11_to_96() {
    assert_eq!(PROVINCES.len(), 38);
    assert_eq!(province_name("31"), Some("Daerah Khusus Ibukota Jakarta"));
    assert_eq!(province_name("96"), Some("Papua Barat Daya"));
    assert_eq!(province_name("10"), None);
}
