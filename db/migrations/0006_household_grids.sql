-- Households point at real grids (the grids table arrived in 0002).
ALTER TABLE households ADD CONSTRAINT households_grid_fk FOREIGN KEY (grid_code) REFERENCES grids(code);
