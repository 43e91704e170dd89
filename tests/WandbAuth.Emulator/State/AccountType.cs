namespace WandbAuth.Emulator;

public enum AccountType
{
    User,
    ServiceAccount,
}
