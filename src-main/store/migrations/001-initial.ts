// The first project format. Tables are STRICT so a wrong type is refused instead of silently
// stored; CHECKs hold the rules a damaged or hand-edited file could otherwise break.
import type { Migration } from '../migrate';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE project (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at TEXT NOT NULL
      ) STRICT;

      -- Source images are referenced by path and identified by content, never copied.
      CREATE TABLE images (
        id INTEGER PRIMARY KEY,
        source_path TEXT NOT NULL CHECK (length(source_path) > 0),
        content_hash TEXT NOT NULL
          CHECK (length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*'),
        file_size INTEGER NOT NULL CHECK (file_size >= 0),
        file_mtime_ms REAL NOT NULL,
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        pages INTEGER NOT NULL CHECK (pages > 0),
        channels INTEGER NOT NULL CHECK (channels > 0),
        bit_depth INTEGER NOT NULL CHECK (bit_depth IN (8, 16, 32)),
        sample_format TEXT NOT NULL CHECK (sample_format IN ('uint', 'int', 'float')),
        display_low REAL NOT NULL,
        display_high REAL NOT NULL,
        thumbnail BLOB NOT NULL, -- zlib-deflated RGBA, thumb_width * thumb_height * 4 bytes
        thumb_width INTEGER NOT NULL CHECK (thumb_width > 0),
        thumb_height INTEGER NOT NULL CHECK (thumb_height > 0),
        status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'missing', 'changed')),
        added_at TEXT NOT NULL,
        CHECK (display_high > display_low)
      ) STRICT;
      CREATE INDEX images_by_content_hash ON images (content_hash);

      -- Label value = class index; 0 means "unlabelled" and is not a class.
      CREATE TABLE classes (
        class_index INTEGER PRIMARY KEY CHECK (class_index BETWEEN 1 AND 255),
        name TEXT NOT NULL COLLATE NOCASE UNIQUE
          CHECK (length(name) BETWEEN 1 AND 100 AND name = trim(name)),
        colour TEXT NOT NULL
          CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]')
      ) STRICT;

      -- Label maps in 256x256 tiles, zlib-deflated uint8 class indices. A tile with no labels
      -- has no row, so an image with a few strokes costs a few rows.
      CREATE TABLE label_tiles (
        image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        page INTEGER NOT NULL CHECK (page >= 0),
        tx INTEGER NOT NULL CHECK (tx >= 0),
        ty INTEGER NOT NULL CHECK (ty >= 0),
        data BLOB NOT NULL,
        PRIMARY KEY (image_id, page, tx, ty)
      ) STRICT;

      -- Bumped by every label write, so views and training can tell a map has changed.
      CREATE TABLE label_revisions (
        image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        page INTEGER NOT NULL CHECK (page >= 0),
        revision INTEGER NOT NULL CHECK (revision > 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (image_id, page)
      ) STRICT;

      CREATE TABLE training_runs (
        id INTEGER PRIMARY KEY,
        config TEXT NOT NULL CHECK (json_valid(config)),
        seed INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'failed')),
        history TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(history)),
        error TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      ) STRICT;

      -- Weights live in files under the project's models/ folder; dir is relative to the
      -- project so the folder can be moved or copied whole.
      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at TEXT NOT NULL,
        dir TEXT NOT NULL UNIQUE CHECK (length(dir) > 0 AND substr(dir, 1, 1) <> '/'),
        config TEXT NOT NULL CHECK (json_valid(config)),
        training_run_id INTEGER REFERENCES training_runs (id) ON DELETE SET NULL,
        metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics))
      ) STRICT;
      CREATE INDEX models_by_training_run ON models (training_run_id);

      -- A prediction is a zlib-deflated uint8 class map of one page (width * height bytes).
      CREATE TABLE predictions (
        id INTEGER PRIMARY KEY,
        image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
        page INTEGER NOT NULL CHECK (page >= 0),
        created_at TEXT NOT NULL,
        data BLOB NOT NULL,
        metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics))
      ) STRICT;
      CREATE INDEX predictions_by_image ON predictions (image_id, page);
      CREATE INDEX predictions_by_model ON predictions (model_id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY CHECK (length(key) > 0),
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
