namespace WandbAuth.Emulator;

/// <param name="Id">GraphQL node id of the team entity.</param>
public sealed record EmulatorTeam(string Id, string Name);

public sealed record EmulatorTeamMember(EmulatorUser User, bool TeamAdmin);
