using Bot.Host;

return await BotApp.RunAsync(args);
