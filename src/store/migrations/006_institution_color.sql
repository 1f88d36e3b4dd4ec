-- The bank's brand colour (Plaid's institution primary_color) for its card in the web app.
ALTER TABLE connections ADD COLUMN institution_color TEXT;
