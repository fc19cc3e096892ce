//! The A4 landscape PDF of an issued KK (kk-domain.md §3): the title and number, the header
//! fields, the two member tables with columns 1–17, the footer, and the signed QR bottom right.
//! Text is real text in an embedded, subset DejaVu Sans Condensed, so it can be selected and
//! searched. Up to [`MEMBERS_PER_PAGE`] members fit a page; more continue on the next page,
//! and the footer and QR close the last one.

use std::sync::LazyLock;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, WindingOrder,
};
use qrcode::{EcLevel, QrCode};

use crate::content::{KkContent, MemberRow};

const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSansCondensed-Latin.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSansCondensed-Bold-Latin.ttf");

static REGULAR: LazyLock<ParsedFont> = LazyLock::new(|| parse_font(REGULAR_TTF));
static BOLD: LazyLock<ParsedFont> = LazyLock::new(|| parse_font(BOLD_TTF));

fn parse_font(bytes: &[u8]) -> ParsedFont {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the bundled font parses")
}

pub const PAGE_WIDTH_MM: f32 = 297.0;
pub const PAGE_HEIGHT_MM: f32 = 210.0;
pub const MEMBERS_PER_PAGE: usize = 10;
/// The QR's printed width; the issue asks for at least 35 mm.
pub const QR_WIDTH_MM: f32 = 42.0;

const MARGIN: f32 = 15.0;
const ROW_HEIGHT: f32 = 4.2;
const HEADER_HEIGHT: f32 = 6.6;
/// Condensed glyphs average about half an em; used to shrink text that would overflow a cell.
const AVERAGE_GLYPH_EM: f32 = 0.52;
const AVERAGE_BOLD_GLYPH_EM: f32 = 0.62;

/// How the PDF is marked, e.g. as a demo that is not an official document.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Printed in red above the footer when set.
    pub notice: Option<String>,
}

/// A column: its heading, its KK column number, its width in mm, and its cell.
struct Column {
    title: &'static str,
    number: Option<u8>,
    width: f32,
    cell: fn(&MemberRow) -> &str,
}

const TABLE_ONE: &[Column] = &[
    Column {
        title: "Nama Lengkap",
        number: Some(1),
        width: 47.0,
        cell: |m| &m.full_name,
    },
    Column {
        title: "NIK",
        number: Some(2),
        width: 29.0,
        cell: |m| &m.nik,
    },
    Column {
        title: "Jenis Kelamin",
        number: Some(3),
        width: 20.0,
        cell: |m| &m.sex,
    },
    Column {
        title: "Tempat Lahir",
        number: Some(4),
        width: 26.0,
        cell: |m| &m.birth_place,
    },
    Column {
        title: "Tanggal Lahir",
        number: Some(5),
        width: 18.0,
        cell: |m| &m.birth_date,
    },
    Column {
        title: "Agama",
        number: Some(6),
        width: 20.0,
        cell: |m| &m.religion,
    },
    Column {
        title: "Pendidikan",
        number: Some(7),
        width: 40.0,
        cell: |m| &m.education,
    },
    Column {
        title: "Jenis Pekerjaan",
        number: Some(8),
        width: 41.0,
        cell: |m| &m.occupation,
    },
    Column {
        title: "Golongan Darah",
        number: Some(9),
        width: 18.0,
        cell: |m| &m.blood_type,
    },
];

const TABLE_TWO: &[Column] = &[
    Column {
        title: "Status Perkawinan",
        number: Some(10),
        width: 30.0,
        cell: |m| &m.marital_status,
    },
    Column {
        title: "Tanggal Perkawinan",
        number: Some(11),
        width: 22.0,
        cell: |m| &m.marriage_date,
    },
    Column {
        title: "Status Hubungan Dalam Keluarga",
        number: Some(12),
        width: 36.0,
        cell: |m| &m.relationship,
    },
    Column {
        title: "Kewarganegaraan",
        number: Some(13),
        width: 21.0,
        cell: |m| &m.citizenship,
    },
    Column {
        title: "No. Paspor",
        number: Some(14),
        width: 24.0,
        cell: |m| &m.passport_number,
    },
    Column {
        title: "No. KITAS/KITAP",
        number: Some(15),
        width: 24.0,
        cell: |m| &m.kitas_kitap_number,
    },
    Column {
        title: "Nama Ayah",
        number: Some(16),
        width: 51.0,
        cell: |m| &m.father_name,
    },
    Column {
        title: "Nama Ibu",
        number: Some(17),
        width: 51.0,
        cell: |m| &m.mother_name,
    },
];

const NUMBER_COLUMN_WIDTH: f32 = 8.0;

/// Dates the PDF by its issue date (printpdf would otherwise write 1970), so a reader's
/// "Properties" agree with the footer.
fn stamp_issue_date(document: &mut PdfDocument, issued_on: chrono::NaiveDate) {
    let midnight = issued_on
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp();
    if let Ok(date) = printpdf::DateTime::from_unix_timestamp(midnight) {
        let info = &mut document.metadata.info;
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
}

/// Renders the KK with `qr_text` as its QR. Returns the unencrypted PDF.
pub fn render_pdf(content: &KkContent, qr_text: &str, options: &RenderOptions) -> Vec<u8> {
    let mut document = PdfDocument::new(&format!("Kartu Keluarga {}", content.kk_number));
    stamp_issue_date(&mut document, content.issued_on);
    let fonts = Fonts {
        regular: document.add_font(&REGULAR),
        bold: document.add_font(&BOLD),
    };
    let chunks: Vec<&[MemberRow]> = if content.members.is_empty() {
        vec![&[]]
    } else {
        content.members.chunks(MEMBERS_PER_PAGE).collect()
    };
    let page_count = chunks.len();
    let pages = chunks
        .iter()
        .enumerate()
        .map(|(page_index, members)| {
            let mut canvas = Canvas {
                ops: Vec::new(),
                fonts: &fonts,
            };
            canvas.header(content, page_index, page_count);
            let first_number = page_index * MEMBERS_PER_PAGE + 1;
            let top_two = canvas.table(152.0, TABLE_ONE, members, first_number);
            canvas.table(top_two - 3.5, TABLE_TWO, members, first_number);
            if page_index + 1 == page_count {
                canvas.footer(content, options);
                canvas.qr(qr_text);
            }
            PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), canvas.ops)
        })
        .collect();
    document
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new())
}

struct Fonts {
    regular: FontId,
    bold: FontId,
}

struct Canvas<'a> {
    ops: Vec<Op>,
    fonts: &'a Fonts,
}

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

fn point(x_mm: f32, y_mm: f32) -> Point {
    Point::new(Mm(x_mm), Mm(y_mm))
}

impl Canvas<'_> {
    fn text(&mut self, x_mm: f32, y_mm: f32, size: f32, bold: bool, text: &str) {
        let font = if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col: black() },
            Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: point(x_mm, y_mm),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Text in a cell `width_mm` wide: shrunk (down to 4.5 pt) rather than cut, so no data is lost.
    fn cell_text(
        &mut self,
        x_mm: f32,
        y_mm: f32,
        width_mm: f32,
        size: f32,
        bold: bool,
        text: &str,
    ) {
        let available_pt = Pt::from(Mm(width_mm - 1.6)).0;
        let em = if bold {
            AVERAGE_BOLD_GLYPH_EM
        } else {
            AVERAGE_GLYPH_EM
        };
        let needed_pt = text.chars().count() as f32 * size * em;
        let fitted = if needed_pt > available_pt {
            (size * available_pt / needed_pt).max(4.5)
        } else {
            size
        };
        self.text(x_mm + 0.8, y_mm, fitted, bold, text);
    }

    fn centred(&mut self, y_mm: f32, size: f32, bold: bool, text: &str) {
        let width_mm = Mm::from(Pt(text.chars().count() as f32 * size * 0.6)).0;
        self.text((PAGE_WIDTH_MM - width_mm) / 2.0, y_mm, size, bold, text);
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: point(from.0, from.1),
                        bezier: false,
                    },
                    LinePoint {
                        p: point(to.0, to.1),
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }

    fn header(&mut self, content: &KkContent, page_index: usize, page_count: usize) {
        self.centred(196.0, 16.0, true, "KARTU KELUARGA");
        self.centred(189.0, 11.0, true, &format!("No. {}", content.kk_number));
        let left = [
            ("Nama Kepala Keluarga", content.head_name.as_str()),
            ("Alamat", content.street.as_str()),
            ("RT/RW", &format!("{}/{}", content.rt, content.rw)),
            ("Desa/Kelurahan", content.village.as_str()),
        ];
        let right = [
            ("Kecamatan", content.district.as_str()),
            ("Kabupaten/Kota", content.regency.as_str()),
            ("Kode Pos", content.postal_code.as_str()),
            ("Provinsi", content.province.as_str()),
        ];
        for (row, ((left_label, left_value), (right_label, right_value))) in
            left.iter().zip(right.iter()).enumerate()
        {
            let y = 180.0 - row as f32 * 5.0;
            self.text(MARGIN, y, 8.5, false, left_label);
            self.cell_text(
                MARGIN + 36.0,
                y,
                110.0,
                8.5,
                false,
                &format!(": {left_value}"),
            );
            self.text(170.0, y, 8.5, false, right_label);
            self.cell_text(196.0, y, 86.0, 8.5, false, &format!(": {right_value}"));
        }
        if page_count > 1 {
            let label = format!("Halaman {} dari {}", page_index + 1, page_count);
            self.text(PAGE_WIDTH_MM - MARGIN - 25.0, 196.0, 7.0, false, &label);
        }
    }

    /// Draws one member table from `top_mm` down; returns where it ends.
    fn table(
        &mut self,
        top_mm: f32,
        columns: &[Column],
        members: &[MemberRow],
        first_number: usize,
    ) -> f32 {
        let rows = members.len().max(1);
        let bottom = top_mm - HEADER_HEIGHT - rows as f32 * ROW_HEIGHT;
        let right = MARGIN + NUMBER_COLUMN_WIDTH + columns.iter().map(|c| c.width).sum::<f32>();
        self.ops.push(Op::SetOutlineColor { col: black() });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        // Outer box, the line under the heading, and one vertical per column.
        for y in [top_mm, top_mm - HEADER_HEIGHT, bottom] {
            self.line((MARGIN, y), (right, y));
        }
        let mut x = MARGIN;
        self.line((x, top_mm), (x, bottom));
        self.cell_text(x, top_mm - 4.0, NUMBER_COLUMN_WIDTH, 7.0, true, "No");
        x += NUMBER_COLUMN_WIDTH;
        for column in columns {
            self.line((x, top_mm), (x, bottom));
            self.cell_text(x, top_mm - 2.9, column.width, 6.5, true, column.title);
            if let Some(number) = column.number {
                self.cell_text(
                    x,
                    top_mm - 5.7,
                    column.width,
                    5.5,
                    false,
                    &format!("({number})"),
                );
            }
            x += column.width;
        }
        self.line((right, top_mm), (right, bottom));
        for (index, member) in members.iter().enumerate() {
            let baseline = top_mm - HEADER_HEIGHT - (index as f32 + 1.0) * ROW_HEIGHT + 1.2;
            let mut x = MARGIN;
            self.cell_text(
                x,
                baseline,
                NUMBER_COLUMN_WIDTH,
                7.0,
                false,
                &(first_number + index).to_string(),
            );
            x += NUMBER_COLUMN_WIDTH;
            for column in columns {
                self.cell_text(x, baseline, column.width, 7.0, false, (column.cell)(member));
                x += column.width;
            }
        }
        bottom
    }

    fn footer(&mut self, content: &KkContent, options: &RenderOptions) {
        let issued = content.issued_on.format("%d-%m-%Y").to_string();
        self.text(
            MARGIN,
            44.0,
            8.0,
            false,
            &format!("Dikeluarkan Tanggal : {issued}"),
        );
        self.text(MARGIN, 37.0, 8.0, true, "KEPALA KELUARGA");
        self.text(MARGIN, 33.5, 6.5, false, "Tanda Tangan/Cap Ibu Jari");
        self.text(MARGIN, 12.0, 8.0, true, &content.head_name);
        let x = 140.0;
        self.text(
            x,
            44.0,
            8.0,
            true,
            "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
        );
        self.text(x, 40.0, 8.0, true, &content.regency);
        self.text(x, 30.0, 7.0, false, "Ditandatangani secara elektronik.");
        self.text(
            x,
            26.5,
            7.0,
            false,
            "Periksa keasliannya: pindai kode QR di kanan",
        );
        self.text(
            x,
            23.0,
            7.0,
            false,
            "dengan KK Mandiri (Verifikasi KK), tanpa internet.",
        );
        if let Some(notice) = &options.notice {
            self.ops.push(Op::SetFillColor {
                col: Color::Rgb(Rgb {
                    r: 0.75,
                    g: 0.0,
                    b: 0.0,
                    icc_profile: None,
                }),
            });
            self.ops.extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(self.fonts.bold.clone()),
                    size: Pt(9.0),
                },
                Op::SetTextCursor {
                    pos: point(x, 12.0),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(notice.clone())],
                },
                Op::EndTextSection,
            ]);
        }
    }

    /// The QR bottom right, at error-correction level Q, [`QR_WIDTH_MM`] wide. Dark modules
    /// of a row are merged into runs, so a version-20 code stays a few hundred rectangles.
    fn qr(&mut self, qr_text: &str) {
        let code = QrCode::with_error_correction_level(qr_text.as_bytes(), EcLevel::Q)
            .expect("a KK claim set fits a QR code");
        let modules = code.width();
        let colors = code.to_colors();
        let module_mm = QR_WIDTH_MM / modules as f32;
        let left = PAGE_WIDTH_MM - MARGIN - QR_WIDTH_MM;
        let top = 6.0 + QR_WIDTH_MM;
        self.ops.push(Op::SetFillColor { col: black() });
        for row in 0..modules {
            let mut column = 0;
            while column < modules {
                if colors[row * modules + column] != qrcode::Color::Dark {
                    column += 1;
                    continue;
                }
                let start = column;
                while column < modules && colors[row * modules + column] == qrcode::Color::Dark {
                    column += 1;
                }
                let x = Mm(left + start as f32 * module_mm);
                let y = Mm(top - (row + 1) as f32 * module_mm);
                let width = Mm((column - start) as f32 * module_mm);
                // A hair wider than the module, so no seams show between runs.
                let rectangle = Rect {
                    x: x.into(),
                    y: y.into(),
                    width: width.into(),
                    height: Mm(module_mm + 0.01).into(),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                };
                self.ops.push(Op::DrawRectangle { rectangle });
            }
        }
    }
}
