//! The 38 provinces of Kepmendagri 300.2.2-2138/2025 (kk-domain.md §7.3).
//!
//! Older NIKs in the four new Papua provinces (93–96, created in 2022) carry 91 or 92, which are
//! still provinces, so this list is also the list of province prefixes a NIK may have.

/// Code and name, in code order.
pub const PROVINCES: &[(&str, &str)] = &[
    ("11", "Aceh"),
    ("12", "Sumatera Utara"),
    ("13", "Sumatera Barat"),
    ("14", "Riau"),
    ("15", "Jambi"),
    ("16", "Sumatera Selatan"),
    ("17", "Bengkulu"),
    ("18", "Lampung"),
    ("19", "Kepulauan Bangka Belitung"),
    ("21", "Kepulauan Riau"),
    ("31", "Daerah Khusus Ibukota Jakarta"),
    ("32", "Jawa Barat"),
    ("33", "Jawa Tengah"),
    ("34", "Daerah Istimewa Yogyakarta"),
    ("35", "Jawa Timur"),
    ("36", "Banten"),
    ("51", "Bali"),
    ("52", "Nusa Tenggara Barat"),
    ("53", "Nusa Tenggara Timur"),
    ("61", "Kalimantan Barat"),
    ("62", "Kalimantan Tengah"),
    ("63", "Kalimantan Selatan"),
    ("64", "Kalimantan Timur"),
    ("65", "Kalimantan Utara"),
    ("71", "Sulawesi Utara"),
    ("72", "Sulawesi Tengah"),
    ("73", "Sulawesi Selatan"),
    ("74", "Sulawesi Tenggara"),
    ("75", "Gorontalo"),
    ("76", "Sulawesi Barat"),
    ("81", "Maluku"),
    ("82", "Maluku Utara"),
    ("91", "Papua"),
    ("92", "Papua Barat"),
    ("93", "Papua Selatan"),
    ("94", "Papua Tengah"),
    ("95", "Papua Pegunungan"),
    ("96", "Papua Barat Daya"),
];

/// The name of the province with this two-digit code.
pub fn province_name(code: &str) -> Option<&'static str> {
    PROVINCES
        .iter()
        .find(|(province_code, _)| *province_code == code)
        .map(|(_, name)| *name)
}
