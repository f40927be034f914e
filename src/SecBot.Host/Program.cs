using SecBot.Host;

return await SecBotProgram.RunAsync(args, Console.Error);
