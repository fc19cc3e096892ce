//! Where each member goes in the family picture: generations top to bottom (parents of the
//! couple, the couple, children and children-in-law, grandchildren), others in a last row.

use kk_domain::application::{Member, MemberChange, Relationship, Sex};

pub const NODE_WIDTH: i32 = 170;
pub const NODE_HEIGHT: i32 = 56;
const GAP_X: i32 = 24;
const GAP_Y: i32 = 44;
const MARGIN: i32 = 12;

/// One person in the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub index: usize,
    pub x: i32,
    pub y: i32,
    pub generation: usize,
}

/// The picture: nodes, lines between them, and its size.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Node>,
    /// Spouse lines and parent–child lines, as (x1, y1, x2, y2).
    pub lines: Vec<(i32, i32, i32, i32)>,
    pub width: i32,
    pub height: i32,
}

/// The row a relationship sits in; `None` (not chosen yet) joins the others.
fn generation(relationship: Option<Relationship>) -> usize {
    match relationship {
        Some(Relationship::OrangTua | Relationship::Mertua) => 0,
        Some(Relationship::KepalaKeluarga | Relationship::Suami | Relationship::Istri) => 1,
        Some(Relationship::Anak | Relationship::Menantu) => 2,
        Some(Relationship::Cucu) => 3,
        Some(Relationship::FamiliLain | Relationship::Pembantu | Relationship::Lainnya) | None => 4,
    }
}

pub fn layout(members: &[Member]) -> Layout {
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); 5];
    for (index, member) in members.iter().enumerate() {
        if member.change != MemberChange::Removed {
            rows[generation(member.relationship)].push(index);
        }
    }
    // The head goes first in the couple's row, so the spouse line starts there.
    rows[1].sort_by_key(|index| members[*index].relationship != Some(Relationship::KepalaKeluarga));
    let used: Vec<&Vec<usize>> = rows.iter().filter(|row| !row.is_empty()).collect();
    let widest = used.iter().map(|row| row.len()).max().unwrap_or(0) as i32;
    let width = MARGIN * 2 + widest * NODE_WIDTH + (widest - 1).max(0) * GAP_X;
    let mut nodes = Vec::new();
    let mut row_centres = [None; 5];
    for (row_number, row) in used.iter().enumerate() {
        let row_width = row.len() as i32 * NODE_WIDTH + (row.len() as i32 - 1) * GAP_X;
        let start = (width - row_width) / 2;
        let y = MARGIN + row_number as i32 * (NODE_HEIGHT + GAP_Y);
        let generation = generation(members[row[0]].relationship);
        row_centres[generation] = Some((width / 2, y));
        for (position, index) in row.iter().enumerate() {
            nodes.push(Node {
                index: *index,
                x: start + position as i32 * (NODE_WIDTH + GAP_X),
                y,
                generation,
            });
        }
    }
    let mut lines = Vec::new();
    let couple: Vec<&Node> = nodes.iter().filter(|node| node.generation == 1).collect();
    if couple.len() >= 2 {
        let y = couple[0].y + NODE_HEIGHT / 2;
        lines.push((couple[0].x + NODE_WIDTH, y, couple[1].x, y));
    }
    // Each family row hangs from the row above it: elders → couple → children → grandchildren.
    for generation in 1..=3 {
        let (Some((_, parent_y)), Some(_)) = (row_centres[generation - 1], row_centres[generation])
        else {
            continue;
        };
        let parent_mid = nodes
            .iter()
            .filter(|node| node.generation == generation - 1)
            .map(|node| node.x + NODE_WIDTH / 2)
            .sum::<i32>()
            / nodes
                .iter()
                .filter(|node| node.generation == generation - 1)
                .count() as i32;
        for child in nodes.iter().filter(|node| node.generation == generation) {
            lines.push((
                parent_mid,
                parent_y + NODE_HEIGHT,
                child.x + NODE_WIDTH / 2,
                child.y,
            ));
        }
    }
    let height =
        MARGIN * 2 + used.len() as i32 * NODE_HEIGHT + (used.len() as i32 - 1).max(0) * GAP_Y;
    Layout {
        nodes,
        lines,
        width,
        height,
    }
}

/// The fill of a person's box: one colour per sex, grey when not chosen yet.
pub fn fill(sex: Option<Sex>) -> &'static str {
    match sex {
        Some(Sex::Male) => "#dbeafe",
        Some(Sex::Female) => "#fde2ec",
        None => "#eceff1",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(relationship: Relationship) -> Member {
        Member {
            relationship: Some(relationship),
            ..Member::default()
        }
    }

    #[test]
    fn generations_stack_from_grandparents_to_grandchildren() {
        let family = [
            member(Relationship::Anak),
            member(Relationship::Istri),
            member(Relationship::KepalaKeluarga),
            member(Relationship::OrangTua),
            member(Relationship::Cucu),
        ];
        let picture = layout(&family);
        let y_of = |index: usize| picture.nodes.iter().find(|n| n.index == index).unwrap().y;
        assert!(y_of(3) < y_of(2) && y_of(2) < y_of(0) && y_of(0) < y_of(4));
        assert_eq!(y_of(1), y_of(2), "the couple shares a row");
        let x_of = |index: usize| picture.nodes.iter().find(|n| n.index == index).unwrap().x;
        assert!(
            x_of(2) < x_of(1),
            "the head comes first in the couple's row"
        );
    }

    #[test]
    fn a_member_who_leaves_is_not_drawn_and_lines_join_each_generation() {
        let mut leaving = member(Relationship::Anak);
        leaving.change = MemberChange::Removed;
        let family = [
            member(Relationship::KepalaKeluarga),
            member(Relationship::Istri),
            member(Relationship::Anak),
            leaving,
        ];
        let picture = layout(&family);
        assert_eq!(picture.nodes.len(), 3);
        // One spouse line and one line down to the child.
        assert_eq!(picture.lines.len(), 2);
    }

    #[test]
    fn an_empty_family_draws_nothing() {
        let picture = layout(&[]);
        assert!(picture.nodes.is_empty() && picture.lines.is_empty());
    }
}
