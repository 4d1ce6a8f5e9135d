SELECT file_ord, first_file FROM card_duplicate
