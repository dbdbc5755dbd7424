-- Block type names are unique, as slugs are: users create their own types now.
CREATE UNIQUE INDEX block_type_name ON block_type (name);
