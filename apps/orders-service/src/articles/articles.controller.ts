import { Body, Controller, Get, Param, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { checkRegisterId, RegisterCommands, registerEntityTag } from '@orders/application';
import { ARTICLE_REGISTER, type ArticleEntry, normalizeArticle } from '@orders/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { ApiError, validationFailed } from '../common/problem/api-error';
import { commandMeta } from '../orders/command-meta';
import { RegisteredArticleDto } from '../openapi/api-responses.dto';
import { ApiProblems } from '../openapi/order-responses.decorators';
import { RegisterGetResponse, RegisterPutResponses } from '../registers/register-put.decorator';
import { ArticleRegisterDto } from './article.dto';

@ApiTags('articles')
@Controller('articles')
export class ArticlesController {
  constructor(private readonly registers: RegisterCommands) {}

  @Put(':sku')
  @RegisterPutResponses('article', RegisteredArticleDto)
  @RequireScopes('orders:write')
  @ApiOperation({ summary: 'Register or replace an article (variant level, by SKU); clears "article is missing" warnings' })
  async put(
    @Param('sku') sku: string,
    @Body() body: ArticleRegisterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const id = checkRegisterId('sku', sku);
    const result = normalizeArticle({ ...body });
    if (!result.ok) throw validationFailed(result.errors, 'The article is not valid.');
    const { created, revision } = await this.registers.save(ARTICLE_REGISTER, id, result.article, commandMeta(request));
    void reply.status(created ? 201 : 200);
    if (revision !== null) void reply.header('ETag', registerEntityTag(revision));
    return { sku: id, ...result.article };
  }

  @Get(':sku')
  @RegisterGetResponse('article', RegisteredArticleDto)
  @RequireScopes('orders:read')
  @ApiOperation({ summary: 'One article of the register' })
  @ApiProblems([404, 'ARTICLE_NOT_FOUND'])
  async get(@Param('sku') sku: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const state = await this.registers.read<ArticleEntry>(ARTICLE_REGISTER, sku);
    if (!state.value) throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'Article not found', `No article with sku '${sku}'.`);
    void reply.header('ETag', registerEntityTag(state.revision!));
    return { sku, ...state.value };
  }
}
