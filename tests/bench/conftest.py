"""The tests here check the bench report on figures they make up: no database, no demo."""
