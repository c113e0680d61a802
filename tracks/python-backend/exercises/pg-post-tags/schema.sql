CREATE TABLE posts (id integer PRIMARY KEY, title text NOT NULL);
CREATE TABLE post_tags (post_id integer NOT NULL REFERENCES posts(id), tag text NOT NULL, PRIMARY KEY (post_id, tag));
