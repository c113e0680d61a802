CREATE TABLE teams (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE tickets (id integer PRIMARY KEY, team_id integer NOT NULL REFERENCES teams(id), status text NOT NULL CHECK (status IN ('open', 'pending', 'closed')));
