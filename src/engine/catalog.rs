//! What surfaces show without asking a question: the programs, one program's facts, a passage
//! by id and the size of the knowledge served. Surfaces read these as [`answer`](crate::answer)
//! types so that none of them touches the index.

use super::{Engine, citation};
use crate::answer::{Hit, Program};
use crate::index::{IndexStats, ProgramInfo};

/// How much knowledge an engine serves, and how long its index took to build.
pub type KnowledgeStats = IndexStats;

impl Engine {
    /// Every program, in the order `programs.toml` lists them.
    pub fn programs(&self) -> Vec<Program> {
        self.index.programs().iter().map(|p| self.program_of(p)).collect()
    }

    /// The program with `id`, if the knowledge base has one.
    pub fn program(&self, id: &str) -> Option<Program> {
        self.index.programs().iter().find(|p| p.id == id).map(|p| self.program_of(p))
    }

    /// The passage with `id` (`slug#n`, `program/fakta-n`), its whole text as the snippet.
    pub fn passage(&self, id: &str) -> Option<Hit> {
        let passage = self.index.passages().iter().find(|p| p.id == id)?;
        Some(Hit { snippet: passage.text.clone(), ..citation(passage) })
    }

    pub fn stats(&self) -> KnowledgeStats {
        self.index.stats()
    }

    fn program_of(&self, p: &ProgramInfo) -> Program {
        let facts = p
            .facts
            .iter()
            .filter_map(|&f| self.index.passage(f))
            .map(|passage| Hit { snippet: passage.text.clone(), ..citation(passage) })
            .collect();
        Program {
            id: p.id.clone(),
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            summary: p.summary.clone(),
            facts,
        }
    }
}
