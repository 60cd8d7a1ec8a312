import { Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Processor } from '@registry/event-store';
import { exampleSchema } from '@registry/platform';
import examples from './projections-admin.examples.json';

@ApiTags('admin')
@Controller('admin/projections')
export class ProjectionsAdminController {
  constructor(private readonly runner: Processor) {}

  @Get()
  @ApiOperation({ summary: 'Checkpoint, head position and lag of every projection' })
  @ApiOkResponse({ description: 'Checkpoint, head and lag of every projection', schema: exampleSchema(examples.status) })
  status() {
    return this.runner.status();
  }

  @Post(':name/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Empty one read model and build it again from position 0' })
  @ApiOkResponse({ description: 'The projection rebuilt, from how many events, in how many seconds', schema: exampleSchema(examples.rebuild) })
  async rebuild(@Param('name') name: string) {
    if (!this.runner.names().includes(name)) throw new NotFoundException(`name: no projection named ${name}`);
    const started = Date.now();
    const applied = await this.runner.rebuild(name);
    return { name, applied, seconds: (Date.now() - started) / 1000 };
  }
}
