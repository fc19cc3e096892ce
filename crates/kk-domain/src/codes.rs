//! Official SIAK code lists for Kartu Keluarga (KK) data, taken from OpenSID's copy of them.
//!
//! Source of truth: `kk-domain.md` §4 (sections 4.1 to 4.8). That section follows OpenSID's
//! `Data_awal_seeder.php` and `app/Enums/*.php` (release v2410.0.0). OpenSID numbers these
//! lists the way SIAK does, and the codes are the ones written in the columns of form F-1.01.
//!
//! The codes are **stable**. They are stored and exchanged as numbers, so an entry is never
//! renumbered, reordered or reused, and no non-SIAK values (e.g. "Programmer" as occupation 90)
//! are ever added. Each entry has three labels:
//! * `official`: the upper-case label as printed on a KK, copied from the spec tables;
//! * `id`: a readable Bahasa Indonesia label for the UI;
//! * `en`: an English translation.

use serde::Serialize;

/// One entry of an official code list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CodeEntry {
    /// The stable SIAK code (as in the F-1.01 form columns).
    pub code: u8,
    /// The label exactly as printed on a KK (upper case, as in the spec tables).
    pub official: &'static str,
    /// A readable Bahasa Indonesia label for the UI (sentence/title case, e.g. "Belum/Tidak Bekerja", "Islam", "Kawin Tercatat").
    pub id: &'static str,
    /// English label (accurate translation, e.g. "Not working / unemployed", "Homemaker", "Student").
    pub en: &'static str,
}

/// A named, ordered official code list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CodeList {
    /// Stable key, snake_case: "jenis_kelamin", "agama", "pendidikan", "pekerjaan", "status_perkawinan", "status_perkawinan_siak", "shdk", "golongan_darah", "kewarganegaraan".
    pub key: &'static str,
    pub entries: &'static [CodeEntry],
}

impl CodeList {
    /// Returns the entry with the given code, if the list has one.
    pub fn get(&self, code: u8) -> Option<&'static CodeEntry> {
        let entries: &'static [CodeEntry] = self.entries;
        entries.iter().find(|e| e.code == code)
    }

    /// True if `code` is a valid code of this list.
    pub fn contains(&self, code: u8) -> bool {
        self.get(code).is_some()
    }
}

/// Shorthand for building a [`CodeEntry`] in the const tables below.
const fn e(code: u8, official: &'static str, id: &'static str, en: &'static str) -> CodeEntry {
    CodeEntry {
        code,
        official,
        id,
        en,
    }
}

// ---------------------------------------------------------------------------------------------
// §4.1 Jenis Kelamin
// ---------------------------------------------------------------------------------------------

const JENIS_KELAMIN_ENTRIES: &[CodeEntry] = &[
    e(1, "LAKI-LAKI", "Laki-laki", "Male"),
    e(2, "PEREMPUAN", "Perempuan", "Female"),
];

/// Sex (§4.1).
pub const JENIS_KELAMIN: CodeList = CodeList {
    key: "jenis_kelamin",
    entries: JENIS_KELAMIN_ENTRIES,
};

// ---------------------------------------------------------------------------------------------
// §4.2 Agama / Kepercayaan
// ---------------------------------------------------------------------------------------------

const AGAMA_ENTRIES: &[CodeEntry] = &[
    e(1, "ISLAM", "Islam", "Islam"),
    e(2, "KRISTEN", "Kristen", "Christianity (Protestant)"),
    // Spelled "KATHOLIK" in SIAK/OpenSID; form F-2.01 writes "Katolik".
    e(3, "KATHOLIK", "Katolik", "Catholicism"),
    e(4, "HINDU", "Hindu", "Hinduism"),
    e(5, "BUDHA", "Buddha", "Buddhism"),
    // Spelled "KHONGHUCU" in SIAK/OpenSID; form F-2.01 writes "Konghuchu".
    e(6, "KHONGHUCU", "Khonghucu", "Confucianism"),
    e(
        7,
        "KEPERCAYAAN TERHADAP TUHAN YME / LAINNYA",
        "Kepercayaan terhadap Tuhan YME / Lainnya",
        "Belief in One Almighty God / other",
    ),
];

/// Religion or belief (§4.2).
pub const AGAMA: CodeList = CodeList {
    key: "agama",
    entries: AGAMA_ENTRIES,
};

// ---------------------------------------------------------------------------------------------
// §4.3 Pendidikan (highest completed education)
// ---------------------------------------------------------------------------------------------

// Labels come from OpenSID's seeder. `PendidikanKKEnum.php` has wrong labels for 9 and 10
// (a copy-paste error).
const PENDIDIKAN_ENTRIES: &[CodeEntry] = &[
    e(
        1,
        "TIDAK / BELUM SEKOLAH",
        "Tidak/Belum Sekolah",
        "No schooling / not yet in school",
    ),
    e(
        2,
        "BELUM TAMAT SD/SEDERAJAT",
        "Belum Tamat SD/Sederajat",
        "Did not complete primary school or equivalent",
    ),
    e(
        3,
        "TAMAT SD / SEDERAJAT",
        "Tamat SD/Sederajat",
        "Completed primary school or equivalent",
    ),
    e(
        4,
        "SLTP/SEDERAJAT",
        "SLTP/Sederajat",
        "Junior secondary school or equivalent",
    ),
    e(
        5,
        "SLTA / SEDERAJAT",
        "SLTA/Sederajat",
        "Senior secondary school or equivalent",
    ),
    e(
        6,
        "DIPLOMA I / II",
        "Diploma I/II",
        "Diploma I / II (one- or two-year diploma)",
    ),
    e(
        7,
        "AKADEMI/ DIPLOMA III/S. MUDA",
        "Akademi/Diploma III/Sarjana Muda",
        "Academy / Diploma III / Sarjana Muda (associate degree)",
    ),
    e(
        8,
        "DIPLOMA IV/ STRATA I",
        "Diploma IV/Strata I",
        "Diploma IV / bachelor's degree (S1)",
    ),
    e(9, "STRATA II", "Strata II", "Master's degree (S2)"),
    e(10, "STRATA III", "Strata III", "Doctoral degree (S3)"),
];

/// Highest completed education (§4.3).
pub const PENDIDIKAN: CodeList = CodeList {
    key: "pendidikan",
    entries: PENDIDIKAN_ENTRIES,
};

// ---------------------------------------------------------------------------------------------
// §4.4 Jenis Pekerjaan (89 entries, 1..=89; never add 90+)
// ---------------------------------------------------------------------------------------------

const PEKERJAAN_ENTRIES: &[CodeEntry] = &[
    e(
        1,
        "BELUM/TIDAK BEKERJA",
        "Belum/Tidak Bekerja",
        "Not working / unemployed",
    ),
    e(
        2,
        "MENGURUS RUMAH TANGGA",
        "Mengurus Rumah Tangga",
        "Homemaker",
    ),
    e(3, "PELAJAR/MAHASISWA", "Pelajar/Mahasiswa", "Student"),
    e(4, "PENSIUNAN", "Pensiunan", "Retiree"),
    e(
        5,
        "PEGAWAI NEGERI SIPIL (PNS)",
        "Pegawai Negeri Sipil (PNS)",
        "Civil servant (PNS)",
    ),
    e(
        6,
        "TENTARA NASIONAL INDONESIA (TNI)",
        "Tentara Nasional Indonesia (TNI)",
        "Indonesian National Armed Forces (TNI)",
    ),
    e(
        7,
        "KEPOLISIAN RI (POLRI)",
        "Kepolisian RI (POLRI)",
        "Indonesian National Police (POLRI)",
    ),
    e(8, "PERDAGANGAN", "Perdagangan", "Trade / commerce"),
    e(9, "PETANI/PEKEBUN", "Petani/Pekebun", "Farmer / planter"),
    e(10, "PETERNAK", "Peternak", "Livestock farmer"),
    e(
        11,
        "NELAYAN/PERIKANAN",
        "Nelayan/Perikanan",
        "Fisher / fisheries",
    ),
    e(12, "INDUSTRI", "Industri", "Industry"),
    e(13, "KONSTRUKSI", "Konstruksi", "Construction"),
    e(14, "TRANSPORTASI", "Transportasi", "Transportation"),
    e(
        15,
        "KARYAWAN SWASTA",
        "Karyawan Swasta",
        "Private sector employee",
    ),
    e(
        16,
        "KARYAWAN BUMN",
        "Karyawan BUMN",
        "State-owned enterprise employee (BUMN)",
    ),
    e(
        17,
        "KARYAWAN BUMD",
        "Karyawan BUMD",
        "Regional government-owned enterprise employee (BUMD)",
    ),
    e(
        18,
        "KARYAWAN HONORER",
        "Karyawan Honorer",
        "Honorary / non-permanent public employee",
    ),
    e(
        19,
        "BURUH HARIAN LEPAS",
        "Buruh Harian Lepas",
        "Casual day labourer",
    ),
    e(
        20,
        "BURUH TANI/PERKEBUNAN",
        "Buruh Tani/Perkebunan",
        "Farm / plantation labourer",
    ),
    e(
        21,
        "BURUH NELAYAN/PERIKANAN",
        "Buruh Nelayan/Perikanan",
        "Fishing / fishery labourer",
    ),
    e(
        22,
        "BURUH PETERNAKAN",
        "Buruh Peternakan",
        "Livestock labourer",
    ),
    e(
        23,
        "PEMBANTU RUMAH TANGGA",
        "Pembantu Rumah Tangga",
        "Domestic worker",
    ),
    e(24, "TUKANG CUKUR", "Tukang Cukur", "Barber"),
    e(25, "TUKANG LISTRIK", "Tukang Listrik", "Electrician"),
    e(26, "TUKANG BATU", "Tukang Batu", "Mason / bricklayer"),
    e(27, "TUKANG KAYU", "Tukang Kayu", "Carpenter"),
    e(
        28,
        "TUKANG SOL SEPATU",
        "Tukang Sol Sepatu",
        "Shoe repairer / cobbler",
    ),
    e(
        29,
        "TUKANG LAS/PANDAI BESI",
        "Tukang Las/Pandai Besi",
        "Welder / blacksmith",
    ),
    e(30, "TUKANG JAHIT", "Tukang Jahit", "Tailor"),
    e(
        31,
        "TUKANG GIGI",
        "Tukang Gigi",
        "Denture maker (non-dentist dental artisan)",
    ),
    e(32, "PENATA RIAS", "Penata Rias", "Make-up artist"),
    e(33, "PENATA BUSANA", "Penata Busana", "Wardrobe stylist"),
    e(34, "PENATA RAMBUT", "Penata Rambut", "Hairdresser"),
    e(35, "MEKANIK", "Mekanik", "Mechanic"),
    e(36, "SENIMAN", "Seniman", "Artist"),
    e(37, "TABIB", "Tabib", "Traditional healer"),
    e(38, "PARAJI", "Paraji", "Traditional birth attendant"),
    e(
        39,
        "PERANCANG BUSANA",
        "Perancang Busana",
        "Fashion designer",
    ),
    e(40, "PENTERJEMAH", "Penterjemah", "Translator / interpreter"),
    e(41, "IMAM MASJID", "Imam Masjid", "Mosque imam"),
    e(42, "PENDETA", "Pendeta", "Protestant minister"),
    e(43, "PASTOR", "Pastor", "Catholic priest"),
    e(44, "WARTAWAN", "Wartawan", "Journalist"),
    e(
        45,
        "USTADZ/MUBALIGH",
        "Ustadz/Mubaligh",
        "Islamic teacher / preacher",
    ),
    e(46, "JURU MASAK", "Juru Masak", "Cook / chef"),
    e(47, "PROMOTOR ACARA", "Promotor Acara", "Event promoter"),
    e(
        48,
        "ANGGOTA DPR-RI",
        "Anggota DPR-RI",
        "Member of the House of Representatives (DPR-RI)",
    ),
    e(
        49,
        "ANGGOTA DPD",
        "Anggota DPD",
        "Member of the Regional Representative Council (DPD)",
    ),
    e(
        50,
        "ANGGOTA BPK",
        "Anggota BPK",
        "Member of the Audit Board (BPK)",
    ),
    e(51, "PRESIDEN", "Presiden", "President"),
    e(52, "WAKIL PRESIDEN", "Wakil Presiden", "Vice President"),
    e(
        53,
        "ANGGOTA MAHKAMAH KONSTITUSI",
        "Anggota Mahkamah Konstitusi",
        "Justice of the Constitutional Court",
    ),
    // Another project's dump writes this one "Anggota Kabinet/Kementerian"; OpenSID has no slash.
    e(
        54,
        "ANGGOTA KABINET KEMENTERIAN",
        "Anggota Kabinet/Kementerian",
        "Cabinet member / minister",
    ),
    e(55, "DUTA BESAR", "Duta Besar", "Ambassador"),
    e(56, "GUBERNUR", "Gubernur", "Governor"),
    e(57, "WAKIL GUBERNUR", "Wakil Gubernur", "Vice governor"),
    e(58, "BUPATI", "Bupati", "Regent (head of a regency)"),
    e(59, "WAKIL BUPATI", "Wakil Bupati", "Vice regent"),
    e(60, "WALIKOTA", "Walikota", "Mayor"),
    e(61, "WAKIL WALIKOTA", "Wakil Walikota", "Vice mayor"),
    e(
        62,
        "ANGGOTA DPRD PROVINSI",
        "Anggota DPRD Provinsi",
        "Member of a provincial legislative council (DPRD)",
    ),
    e(
        63,
        "ANGGOTA DPRD KABUPATEN/KOTA",
        "Anggota DPRD Kabupaten/Kota",
        "Member of a regency / city legislative council (DPRD)",
    ),
    e(64, "DOSEN", "Dosen", "University lecturer"),
    e(65, "GURU", "Guru", "Teacher"),
    e(66, "PILOT", "Pilot", "Pilot"),
    e(67, "PENGACARA", "Pengacara", "Lawyer"),
    e(68, "NOTARIS", "Notaris", "Notary"),
    e(69, "ARSITEK", "Arsitek", "Architect"),
    e(70, "AKUNTAN", "Akuntan", "Accountant"),
    e(71, "KONSULTAN", "Konsultan", "Consultant"),
    e(72, "DOKTER", "Dokter", "Physician / doctor"),
    e(73, "BIDAN", "Bidan", "Midwife"),
    e(74, "PERAWAT", "Perawat", "Nurse"),
    e(75, "APOTEKER", "Apoteker", "Pharmacist"),
    e(
        76,
        "PSIKIATER/PSIKOLOG",
        "Psikiater/Psikolog",
        "Psychiatrist / psychologist",
    ),
    e(
        77,
        "PENYIAR TELEVISI",
        "Penyiar Televisi",
        "Television presenter",
    ),
    e(78, "PENYIAR RADIO", "Penyiar Radio", "Radio announcer"),
    e(79, "PELAUT", "Pelaut", "Seafarer"),
    e(80, "PENELITI", "Peneliti", "Researcher"),
    e(81, "SOPIR", "Sopir", "Driver"),
    e(82, "PIALANG", "Pialang", "Broker"),
    e(
        83,
        "PARANORMAL",
        "Paranormal",
        "Psychic / paranormal practitioner",
    ),
    e(84, "PEDAGANG", "Pedagang", "Trader / merchant"),
    e(85, "PERANGKAT DESA", "Perangkat Desa", "Village official"),
    e(86, "KEPALA DESA", "Kepala Desa", "Village head"),
    e(87, "BIARAWATI", "Biarawati", "Nun"),
    e(
        88,
        "WIRASWASTA",
        "Wiraswasta",
        "Self-employed / entrepreneur",
    ),
    e(89, "LAINNYA", "Lainnya", "Other"),
];

/// Occupation (§4.4): all 89 SIAK entries.
pub const PEKERJAAN: CodeList = CodeList {
    key: "pekerjaan",
    entries: PEKERJAAN_ENTRIES,
};

// ---------------------------------------------------------------------------------------------
// §4.5 Status Perkawinan
// ---------------------------------------------------------------------------------------------

// (b) The 6-value list of form F-1.01 (Permendagri 109/2019). It separates registered
// (tercatat) from unregistered marriages and divorces. This is the code to store.
const STATUS_PERKAWINAN_ENTRIES: &[CodeEntry] = &[
    e(1, "BELUM KAWIN", "Belum Kawin", "Not married"),
    e(
        2,
        "KAWIN TERCATAT",
        "Kawin Tercatat",
        "Married (registered)",
    ),
    e(
        3,
        "KAWIN BELUM TERCATAT",
        "Kawin Belum Tercatat",
        "Married (not registered)",
    ),
    e(
        4,
        "CERAI HIDUP TERCATAT",
        "Cerai Hidup Tercatat",
        "Divorced (registered)",
    ),
    e(
        5,
        "CERAI HIDUP BELUM TERCATAT",
        "Cerai Hidup Belum Tercatat",
        "Divorced (not registered)",
    ),
    e(6, "CERAI MATI", "Cerai Mati", "Widowed"),
];

/// Marital status, the 6-value F-1.01 list (§4.5(b)). Store this code and derive the SIAK
/// status from it with [`siak_marital_status`].
pub const STATUS_PERKAWINAN: CodeList = CodeList {
    key: "status_perkawinan",
    entries: STATUS_PERKAWINAN_ENTRIES,
};

// (a) The 4-value SIAK core list (OpenSID `tweb_penduduk_kawin`, `StatusKawinEnum`).
const STATUS_PERKAWINAN_SIAK_ENTRIES: &[CodeEntry] = &[
    e(1, "BELUM KAWIN", "Belum Kawin", "Not married"),
    e(2, "KAWIN", "Kawin", "Married"),
    e(3, "CERAI HIDUP", "Cerai Hidup", "Divorced"),
    e(4, "CERAI MATI", "Cerai Mati", "Widowed"),
];

/// Marital status, the 4-value SIAK core list (§4.5(a)).
pub const STATUS_PERKAWINAN_SIAK: CodeList = CodeList {
    key: "status_perkawinan_siak",
    entries: STATUS_PERKAWINAN_SIAK_ENTRIES,
};

/// Derives the 4-value SIAK status from the 6-value F-1.01 code (§4.5 recommendation):
/// 1→1, 2|3→2 (KAWIN), 4|5→3 (CERAI HIDUP), 6→4 (CERAI MATI); None for an unknown code.
pub fn siak_marital_status(f101_code: u8) -> Option<u8> {
    match f101_code {
        1 => Some(1),
        2 | 3 => Some(2),
        4 | 5 => Some(3),
        6 => Some(4),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// §4.6 Status Hubungan Dalam Keluarga (SHDK)
// ---------------------------------------------------------------------------------------------

const SHDK_ENTRIES: &[CodeEntry] = &[
    e(1, "KEPALA KELUARGA", "Kepala Keluarga", "Head of family"),
    e(2, "SUAMI", "Suami", "Husband"),
    e(3, "ISTRI", "Istri", "Wife"),
    e(4, "ANAK", "Anak", "Child"),
    e(5, "MENANTU", "Menantu", "Son-/daughter-in-law"),
    e(6, "CUCU", "Cucu", "Grandchild"),
    // Some SIAK exports write "ORANG TUA".
    e(7, "ORANGTUA", "Orang Tua", "Parent"),
    e(8, "MERTUA", "Mertua", "Parent-in-law"),
    e(9, "FAMILI LAIN", "Famili Lain", "Other relative"),
    e(10, "PEMBANTU", "Pembantu", "Domestic worker"),
    e(11, "LAINNYA", "Lainnya", "Other"),
];

/// Relationship to the head of the family (§4.6).
pub const SHDK: CodeList = CodeList {
    key: "shdk",
    entries: SHDK_ENTRIES,
};

// ---------------------------------------------------------------------------------------------
// §4.7 Golongan Darah (13 values, in SIAK order)
// ---------------------------------------------------------------------------------------------

const GOLONGAN_DARAH_ENTRIES: &[CodeEntry] = &[
    e(1, "A", "A", "A"),
    e(2, "B", "B", "B"),
    e(3, "AB", "AB", "AB"),
    e(4, "O", "O", "O"),
    e(5, "A+", "A+", "A+"),
    e(6, "A-", "A-", "A-"),
    e(7, "B+", "B+", "B+"),
    e(8, "B-", "B-", "B-"),
    e(9, "AB+", "AB+", "AB+"),
    e(10, "AB-", "AB-", "AB-"),
    e(11, "O+", "O+", "O+"),
    e(12, "O-", "O-", "O-"),
    e(13, "TIDAK TAHU", "Tidak Tahu", "Unknown"),
];

/// Blood type (§4.7).
pub const GOLONGAN_DARAH: CodeList = CodeList {
    key: "golongan_darah",
    entries: GOLONGAN_DARAH_ENTRIES,
};

// ---------------------------------------------------------------------------------------------
// §4.8 Kewarganegaraan
// ---------------------------------------------------------------------------------------------

// Code 3 "DUA KEWARGANEGARAAN" (dual citizenship) is left out on purpose. It exists only in
// OpenSID's table and is not confirmed as a SIAK/KK value (kk-domain.md §4.8 and §10, open
// question 5). Add it only if a SIAK source confirms it.
const KEWARGANEGARAAN_ENTRIES: &[CodeEntry] = &[
    e(
        1,
        "WNI",
        "WNI (Warga Negara Indonesia)",
        "Indonesian citizen",
    ),
    e(2, "WNA", "WNA (Warga Negara Asing)", "Foreign national"),
];

/// Citizenship (§4.8): only WNI and WNA.
pub const KEWARGANEGARAAN: CodeList = CodeList {
    key: "kewarganegaraan",
    entries: KEWARGANEGARAAN_ENTRIES,
};

// ---------------------------------------------------------------------------------------------
// All lists
// ---------------------------------------------------------------------------------------------

/// Every code list in this module, in spec order.
pub const ALL: &[&CodeList] = &[
    &JENIS_KELAMIN,
    &AGAMA,
    &PENDIDIKAN,
    &PEKERJAAN,
    &STATUS_PERKAWINAN,
    &STATUS_PERKAWINAN_SIAK,
    &SHDK,
    &GOLONGAN_DARAH,
    &KEWARGANEGARAAN,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn official(list: &CodeList, code: u8) -> &'static str {
        list.get(code)
            .unwrap_or_else(|| panic!("{} has no code {code}", list.key))
            .official
    }

    #[test]
    fn pekerjaan_has_all_89_entries_numbered_1_to_89() {
        assert_eq!(PEKERJAAN.entries.len(), 89);
        for (i, entry) in PEKERJAAN.entries.iter().enumerate() {
            assert_eq!(usize::from(entry.code), i + 1);
        }
        assert!(!PEKERJAAN.contains(0));
        assert!(!PEKERJAAN.contains(90));
    }

    #[test]
    fn every_list_has_the_expected_number_of_entries() {
        let expected = [
            ("jenis_kelamin", 2),
            ("agama", 7),
            ("pendidikan", 10),
            ("pekerjaan", 89),
            ("status_perkawinan", 6),
            ("status_perkawinan_siak", 4),
            ("shdk", 11),
            ("golongan_darah", 13),
            ("kewarganegaraan", 2),
        ];
        for (list, (key, len)) in ALL.iter().zip(expected) {
            assert_eq!(list.key, key);
            assert_eq!(list.entries.len(), len, "{key}");
        }
    }

    #[test]
    fn every_list_has_unique_consecutive_codes_from_1() {
        for list in ALL {
            for (i, entry) in list.entries.iter().enumerate() {
                assert_eq!(usize::from(entry.code), i + 1, "{} entry #{i}", list.key);
            }
        }
    }

    #[test]
    fn every_entry_has_non_empty_labels_in_both_languages() {
        for list in ALL {
            for entry in list.entries {
                assert!(
                    !entry.official.trim().is_empty(),
                    "{} {}",
                    list.key,
                    entry.code
                );
                assert!(!entry.id.trim().is_empty(), "{} {}", list.key, entry.code);
                assert!(!entry.en.trim().is_empty(), "{} {}", list.key, entry.code);
            }
        }
    }

    #[test]
    fn every_official_label_is_upper_case() {
        for list in ALL {
            for entry in list.entries {
                assert_eq!(
                    entry.official,
                    entry.official.to_uppercase(),
                    "{} {}",
                    list.key,
                    entry.code
                );
            }
        }
    }

    #[test]
    fn get_and_contains_agree_with_the_entries() {
        for list in ALL {
            assert!(!list.contains(0), "{}", list.key);
            assert!(list.get(0).is_none(), "{}", list.key);
            let past_end = u8::try_from(list.entries.len() + 1).unwrap();
            assert!(!list.contains(past_end), "{}", list.key);
            for entry in list.entries {
                assert!(list.contains(entry.code));
                assert_eq!(list.get(entry.code), Some(entry));
            }
        }
    }

    #[test]
    fn jenis_kelamin_is_laki_laki_then_perempuan() {
        assert_eq!(official(&JENIS_KELAMIN, 1), "LAKI-LAKI");
        assert_eq!(official(&JENIS_KELAMIN, 2), "PEREMPUAN");
    }

    #[test]
    fn agama_uses_siak_spellings() {
        let cases = [
            (1, "ISLAM"),
            (2, "KRISTEN"),
            (3, "KATHOLIK"),
            (4, "HINDU"),
            (5, "BUDHA"),
            (6, "KHONGHUCU"),
            (7, "KEPERCAYAAN TERHADAP TUHAN YME / LAINNYA"),
        ];
        for (code, label) in cases {
            assert_eq!(official(&AGAMA, code), label);
        }
        assert_eq!(
            AGAMA.get(7).unwrap().en,
            "Belief in One Almighty God / other"
        );
    }

    #[test]
    fn pendidikan_uses_the_seeder_labels_for_strata_ii_and_iii() {
        assert_eq!(official(&PENDIDIKAN, 1), "TIDAK / BELUM SEKOLAH");
        assert_eq!(official(&PENDIDIKAN, 8), "DIPLOMA IV/ STRATA I");
        assert_eq!(official(&PENDIDIKAN, 9), "STRATA II");
        assert_eq!(official(&PENDIDIKAN, 10), "STRATA III");
    }

    #[test]
    fn pekerjaan_spot_checks_match_the_spec_table() {
        let cases = [
            (1, "BELUM/TIDAK BEKERJA"),
            (2, "MENGURUS RUMAH TANGGA"),
            (7, "KEPOLISIAN RI (POLRI)"),
            (15, "KARYAWAN SWASTA"),
            (19, "BURUH HARIAN LEPAS"),
            (30, "TUKANG JAHIT"),
            (31, "TUKANG GIGI"),
            (37, "TABIB"),
            (38, "PARAJI"),
            (48, "ANGGOTA DPR-RI"),
            (54, "ANGGOTA KABINET KEMENTERIAN"),
            (60, "WALIKOTA"),
            (61, "WAKIL WALIKOTA"),
            (63, "ANGGOTA DPRD KABUPATEN/KOTA"),
            (76, "PSIKIATER/PSIKOLOG"),
            (85, "PERANGKAT DESA"),
            (87, "BIARAWATI"),
            (88, "WIRASWASTA"),
            (89, "LAINNYA"),
        ];
        for (code, label) in cases {
            assert_eq!(official(&PEKERJAAN, code), label, "pekerjaan {code}");
        }
    }

    #[test]
    fn pekerjaan_english_labels_are_translations() {
        let cases = [
            (1, "Not working / unemployed"),
            (2, "Homemaker"),
            (3, "Student"),
            (7, "Indonesian National Police (POLRI)"),
            (37, "Traditional healer"),
            (38, "Traditional birth attendant"),
        ];
        for (code, en) in cases {
            assert_eq!(PEKERJAAN.get(code).unwrap().en, en, "pekerjaan {code}");
        }
    }

    #[test]
    fn status_perkawinan_is_the_six_value_f101_list() {
        let cases = [
            (1, "BELUM KAWIN"),
            (2, "KAWIN TERCATAT"),
            (3, "KAWIN BELUM TERCATAT"),
            (4, "CERAI HIDUP TERCATAT"),
            (5, "CERAI HIDUP BELUM TERCATAT"),
            (6, "CERAI MATI"),
        ];
        for (code, label) in cases {
            assert_eq!(official(&STATUS_PERKAWINAN, code), label);
        }
        assert_eq!(STATUS_PERKAWINAN.get(2).unwrap().id, "Kawin Tercatat");
    }

    #[test]
    fn status_perkawinan_siak_is_the_four_value_core_list() {
        let cases = [
            (1, "BELUM KAWIN"),
            (2, "KAWIN"),
            (3, "CERAI HIDUP"),
            (4, "CERAI MATI"),
        ];
        for (code, label) in cases {
            assert_eq!(official(&STATUS_PERKAWINAN_SIAK, code), label);
        }
    }

    #[test]
    fn f101_status_maps_to_siak_status() {
        let cases = [
            (0, None),
            (1, Some(1)),
            (2, Some(2)),
            (3, Some(2)),
            (4, Some(3)),
            (5, Some(3)),
            (6, Some(4)),
            (7, None),
            (255, None),
        ];
        for (f101, siak) in cases {
            assert_eq!(siak_marital_status(f101), siak, "F-1.01 code {f101}");
        }
    }

    #[test]
    fn every_f101_status_maps_to_a_valid_siak_status_with_a_matching_label() {
        for entry in STATUS_PERKAWINAN.entries {
            let siak = siak_marital_status(entry.code).expect("every F-1.01 code maps");
            let siak_label = official(&STATUS_PERKAWINAN_SIAK, siak);
            assert!(
                entry.official.starts_with(siak_label),
                "{} -> {}",
                entry.official,
                siak_label
            );
        }
    }

    #[test]
    fn shdk_code_1_is_kepala_keluarga() {
        assert_eq!(official(&SHDK, 1), "KEPALA KELUARGA");
        assert_eq!(SHDK.get(1).unwrap().en, "Head of family");
    }

    #[test]
    fn shdk_uses_orangtua_as_one_word() {
        assert_eq!(official(&SHDK, 7), "ORANGTUA");
        assert_eq!(official(&SHDK, 11), "LAINNYA");
    }

    #[test]
    fn golongan_darah_has_13_values_ending_with_tidak_tahu() {
        assert_eq!(GOLONGAN_DARAH.entries.len(), 13);
        let expected = [
            "A",
            "B",
            "AB",
            "O",
            "A+",
            "A-",
            "B+",
            "B-",
            "AB+",
            "AB-",
            "O+",
            "O-",
            "TIDAK TAHU",
        ];
        for (entry, label) in GOLONGAN_DARAH.entries.iter().zip(expected) {
            assert_eq!(entry.official, label);
        }
        assert_eq!(GOLONGAN_DARAH.entries.last().unwrap().code, 13);
    }

    #[test]
    fn kewarganegaraan_has_only_wni_and_wna() {
        assert_eq!(official(&KEWARGANEGARAAN, 1), "WNI");
        assert_eq!(official(&KEWARGANEGARAAN, 2), "WNA");
        assert!(!KEWARGANEGARAAN.contains(3));
    }

    #[test]
    fn all_has_nine_lists_with_unique_keys() {
        assert_eq!(ALL.len(), 9);
        let mut keys: Vec<&str> = ALL.iter().map(|l| l.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 9);
        for key in [
            "jenis_kelamin",
            "agama",
            "pendidikan",
            "pekerjaan",
            "status_perkawinan",
            "status_perkawinan_siak",
            "shdk",
            "golongan_darah",
            "kewarganegaraan",
        ] {
            assert!(keys.contains(&key), "missing {key}");
        }
    }

    #[test]
    fn keys_are_snake_case() {
        for list in ALL {
            assert!(
                list.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}",
                list.key
            );
        }
    }
}
