/* placeholder until the daemon lands (issue 2) */
int main(void) { return 1; }
