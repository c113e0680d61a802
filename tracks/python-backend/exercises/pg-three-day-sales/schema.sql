CREATE TABLE daily_sales (day date PRIMARY KEY, amount numeric(10,2) NOT NULL);
