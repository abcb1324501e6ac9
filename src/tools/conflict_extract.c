/* placeholder until the offline tool lands (issue 2) */
int main(void) { return 1; }
